// The approval console: plain browser JavaScript over the application's REST API, no build step.
"use strict";

// Resolved against origin and path only: a page opened with credentials in its URL must not pass them to fetch.
const api = new URL("../api/", location.origin + location.pathname).toString();

async function call(path, options) {
    const response = await fetch(api + path, Object.assign({ credentials: "same-origin" }, options || {}));
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
        throw new Error(body.message || ("HTTP " + response.status));
    }
    return body;
}

function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    if (className) {
        td.className = className;
    }
    row.appendChild(td);
    return td;
}

async function decide(id, verdict) {
    const reason = verdict === "approve" ? "approved in the console" : "rejected in the console";
    try {
        const decided = await call("steward/approvals/" + encodeURIComponent(id) + "/" + verdict, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ reason: reason })
        });
        document.getElementById("message").textContent = "Request " + decided.id + " " + decided.status.toLowerCase() + ".";
    } catch (e) {
        document.getElementById("message").textContent = e.message;
    }
    await refresh();
}

async function loadPending() {
    const pending = await call("steward/approvals");
    const body = document.querySelector("#pending tbody");
    body.replaceChildren();
    document.getElementById("pending-empty").hidden = pending.length > 0;
    for (const r of pending) {
        const row = document.createElement("tr");
        row.dataset.id = r.id;
        cell(row, r.capability);
        cell(row, r.requester);
        cell(row, r.output, "answer");
        cell(row, r.expiresAt);
        cell(row, r.confidence == null ? "no confidence" : "confidence " + r.confidence);
        const actions = cell(row, "");
        for (const verdict of ["approve", "reject"]) {
            const button = document.createElement("button");
            button.className = verdict;
            button.textContent = verdict === "approve" ? "Approve" : "Reject";
            button.addEventListener("click", () => decide(r.id, verdict));
            actions.appendChild(button);
        }
        body.appendChild(row);
    }
}

async function loadAudit() {
    const records = await call("steward/audit?limit=50");
    const body = document.querySelector("#audit tbody");
    body.replaceChildren();
    for (const r of records) {
        const row = document.createElement("tr");
        cell(row, r.timestamp);
        cell(row, r.capability);
        cell(row, r.principal);
        cell(row, r.outcome, "outcome-" + r.outcome);
        cell(row, r.promptVersion ? r.promptId + " " + r.promptVersion + " #" + r.promptHash.substring(0, 8) : "");
        cell(row, r.model);
        cell(row, r.inputTokens + r.outputTokens);
        cell(row, r.cost);
        cell(row, r.approver);
        cell(row, r.reason);
        body.appendChild(row);
    }
}

async function refresh() {
    try {
        await Promise.all([loadPending(), loadAudit()]);
    } catch (e) {
        document.getElementById("message").textContent = e.message;
    }
}

call("me").then(me => {
    document.getElementById("who").textContent = me.name;
}).catch(() => {});
refresh();
