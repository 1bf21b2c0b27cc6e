package dev.steward.core.internal;

import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.ChatMessage;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.StewardException;
import dev.steward.api.StoreUnavailableException;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.api.ToolLimitExceededException;
import dev.steward.api.ToolSpec;
import dev.steward.api.spi.ApprovalStore;
import dev.steward.api.spi.AuditSink;
import dev.steward.api.spi.CapabilityPolicy;
import dev.steward.core.budget.Ceiling;
import dev.steward.core.route.ProviderRoute;
import dev.steward.core.spi.StewardObserver;
import dev.steward.core.tool.Tool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The tool loop of a capability that offers tools: asks the route with the tools offered; while the model asks for
 * tools, authorizes each call as the capability's caller, runs it (or holds it for approval, persisting the
 * conversation), returns the result or the refusal to the model, and asks again; until the model answers, the rounds
 * run out ({@link ToolLimitExceededException}) or the per-call ceiling is spent ({@link BudgetExceededException}).
 * Every tool call yields its own audit record, linked to the call's record by the tag {@code steward.call-id}, with
 * the tool's name and the SHA-256 of its arguments (never the arguments), its outcome and duration.
 */
final class ToolConversation {

    static final String CALL_ID = "steward.call-id";

    private final String capability;
    private final Map<String, Tool> tools;
    private final List<ToolSpec> specs;
    private final int maxRounds;
    private final Ceiling perCall;
    private final CapabilityPolicy policy;
    private final ApprovalStore approvals;
    private final AuditSink audit;
    private final StewardObserver observer;
    private final String currency;
    private final Clock clock;
    private final LongSupplier ticker;

    ToolConversation(
            String capability,
            List<Tool> offered,
            int maxRounds,
            Ceiling perCall,
            CapabilityPolicy policy,
            ApprovalStore approvals,
            AuditSink audit,
            StewardObserver observer,
            String currency,
            Clock clock,
            LongSupplier ticker) {
        this.capability = capability;
        Map<String, Tool> byName = new LinkedHashMap<>();
        offered.forEach(t -> byName.put(t.name(), t));
        this.tools = Map.copyOf(byName);
        this.specs = offered.stream()
                .map(t -> new ToolSpec(t.name(), t.description(), t.parameters()))
                .toList();
        this.maxRounds = maxRounds;
        this.perCall = perCall;
        this.policy = policy;
        this.approvals = approvals;
        this.audit = audit;
        this.observer = observer;
        this.currency = currency;
        this.clock = clock;
        this.ticker = ticker;
    }

    /**
     * Runs the loop until the model answers without asking for tools.
     *
     * @param route the route to ask
     * @param call the call; its request is the conversation so far, and is the final conversation afterwards
     * @param accounting counts the usage and cost of every answer
     * @return the model's final answer
     */
    ProviderRoute.Answer converse(ProviderRoute route, Invocation call, Consumer<ProviderRoute.Answer> accounting)
            throws InterruptedException {
        if (call.tagValue(CALL_ID) == null) {
            call.tag(CALL_ID, UUID.randomUUID().toString());
        }
        List<ChatMessage> messages;
        List<ToolCall> pending;
        int round;
        boolean heldWasApproved = false;
        if (call.resumed != null) {
            HeldToolCall held = call.resumed;
            messages = new ArrayList<>(held.messages());
            pending = held.pending();
            round = held.round();
            heldWasApproved = decided(call, held);
            if (!heldWasApproved) {
                messages.add(ChatMessage.toolResult(held.held().id(), refusal(call.resumedDecision)));
                pending = pending.subList(1, pending.size());
            }
        } else {
            messages = new ArrayList<>(call.request.messages());
            pending = List.of();
            round = 0;
        }
        while (true) {
            for (int i = 0; i < pending.size(); i++) {
                boolean approved = i == 0 && heldWasApproved;
                ChatMessage result =
                        answer(call, pending.get(i), approved, messages, pending.subList(i, pending.size()), round);
                messages.add(result);
            }
            heldWasApproved = false;
            spentWithinCeiling(call);
            call.request = call.request.withMessages(messages).withTools(specs);
            ProviderRoute.Answer answer = route.call(call.request, call, call.attempts);
            accounting.accept(answer);
            List<ToolCall> asked = answer.response().toolCalls();
            if (asked.isEmpty()) {
                return answer;
            }
            if (++round > maxRounds) {
                call.addReason("the model asked for tools in more than " + maxRounds + " rounds");
                throw new ToolLimitExceededException(capability, maxRounds);
            }
            messages.add(ChatMessage.toolCalls(answer.response().text(), asked));
            pending = asked;
        }
    }

    // resuming: the held call is approved (and now marked resumed, so it runs once), refused, or still pending
    private boolean decided(Invocation call, HeldToolCall held) {
        ApprovalRequest r = call.resumedDecision;
        // checked inside the governed call, so that a refused resume is audited like any refused call
        if (!java.util.Objects.equals(r.requester().principal(), call.caller.principal())
                || !java.util.Objects.equals(r.requester().tenant(), call.caller.tenant())) {
            call.addReason("only who made the held call may resume it");
            throw new ApprovalNotAllowedException(
                    capability,
                    "'" + call.caller.principal() + "' may not resume approval request " + r.id()
                            + ": only who made the held call may, with that caller's rights");
        }
        if (r.status() == ApprovalStatus.APPROVED) {
            ApprovalRequest resumed = r.decide(ApprovalStatus.RESUMED, r.decidedBy(), r.decidedAt(), r.reason());
            if (!approvals.compareAndSet(resumed, ApprovalStatus.APPROVED)) {
                throw new ApprovalNotAllowedException(
                        capability, "approval request " + r.id() + " has already resumed; a held tool call runs once");
            }
            return true;
        }
        if (r.status() == ApprovalStatus.RESUMED) {
            throw new ApprovalNotAllowedException(
                    capability, "approval request " + r.id() + " has already resumed; a held tool call runs once");
        }
        if (r.status() == ApprovalStatus.PENDING) {
            throw new ApprovalPendingException(
                    capability,
                    r.id(),
                    "the tool call '" + held.held().name() + "' still awaits a '" + r.approverRole() + "'");
        }
        audit(call, held.held(), Outcome.REJECTED, "the approver refused the call", Duration.ZERO, r.id());
        return false;
    }

    private static String refusal(ApprovalRequest r) {
        return "{\"refused\":true,\"reason\":\""
                + (r.status() == ApprovalStatus.EXPIRED
                        ? "no approver decided in time"
                        : "an approver rejected the call")
                + "\"}";
    }

    private ChatMessage answer(
            Invocation call,
            ToolCall asked,
            boolean approved,
            List<ChatMessage> messages,
            List<ToolCall> rest,
            int round) {
        Tool tool = tools.get(asked.name());
        if (tool == null) {
            audit(
                    call,
                    asked,
                    Outcome.FAILED,
                    "the model asked for a tool the capability does not offer",
                    Duration.ZERO,
                    null);
            return ChatMessage.toolResult(
                    asked.id(), "{\"error\":\"no tool is named so; the tools are " + tools.keySet() + "\"}");
        }
        CapabilityPolicy.Decision decision = policy.authorizeTool(tool.name(), call.descriptor, call.caller);
        if (!decision.allowed()) {
            audit(call, asked, Outcome.DENIED, decision.reason(), Duration.ZERO, null);
            return ChatMessage.toolResult(
                    asked.id(), "{\"refused\":true,\"reason\":\"the caller may not run this tool\"}");
        }
        if (tool.approval().isPresent() && !approved) {
            hold(call, tool, new HeldToolCall(call.template.prompt().version(), round, messages, rest));
        }
        long start = ticker.getAsLong();
        String result;
        Outcome outcome;
        String reason = null;
        try {
            result = tool.call(asked.arguments());
            outcome = Outcome.SUCCEEDED;
        } catch (IllegalArgumentException e) {
            outcome = Outcome.FAILED;
            reason = "the model's arguments did not fit the tool";
            result = "{\"error\":" + quote("the arguments do not fit: " + e.getMessage()) + "}";
        } catch (Exception e) {
            outcome = Outcome.FAILED;
            reason = "the tool failed: " + e.getClass().getName();
            result = "{\"error\":\"the tool failed\"}";
        }
        audit(
                call,
                asked,
                outcome,
                reason,
                Duration.ofNanos(ticker.getAsLong() - start),
                approved ? call.resumedDecision.id() : null);
        return ChatMessage.toolResult(asked.id(), result);
    }

    private void hold(Invocation call, Tool tool, HeldToolCall held) {
        Tool.Approval a = tool.approval().orElseThrow();
        Instant now = clock.instant();
        ApprovalRequest request = new ApprovalRequest(
                UUID.randomUUID().toString(),
                capability,
                call.caller,
                a.role(),
                held.toJson(),
                OptionalDouble.empty(),
                now,
                now.plus(a.expiry()),
                ApprovalStatus.PENDING,
                null,
                null,
                null);
        try {
            approvals.create(request);
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(
                    capability,
                    "approval store",
                    "the approval store could not hold the tool call '" + tool.name() + "' of '" + capability
                            + "' for approval: " + e,
                    e);
        }
        call.approvalId = request.id();
        call.addReason("the tool call '" + tool.name() + "' awaits approval by a '" + a.role() + "'");
        audit(call, held.held(), Outcome.PENDING_APPROVAL, "awaits a '" + a.role() + "'", Duration.ZERO, request.id());
        observer.onApprovalRequested(request);
        throw new ApprovalPendingException(
                capability,
                request.id(),
                "the tool call '" + tool.name() + "' of '" + capability + "' awaits approval by a '" + a.role()
                        + "'; resume the call once it is decided");
    }

    private void spentWithinCeiling(Invocation call) {
        if (perCall == null) {
            return;
        }
        long spent = perCall.isTokens() ? call.usage.totalTokens() : call.costMicros;
        if (spent >= perCall.amount()) {
            call.addReason("the tool loop spent the per-call ceiling of " + perCall);
            throw new BudgetExceededException(
                    capability,
                    "call",
                    "the tool loop of '" + capability + "' has spent "
                            + (perCall.isTokens()
                                    ? spent + " tokens"
                                    : new Ceiling(spent, perCall.currency()).toString())
                            + " of its per-call ceiling of " + perCall + " before the model answered");
        }
    }

    private void audit(
            Invocation call, ToolCall asked, Outcome outcome, String reason, Duration latency, String approvalId) {
        Tool tool = tools.get(asked.name());
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(CALL_ID, call.tagValue(CALL_ID));
        tags.put("steward.tool.name", tool == null ? "(unknown)" : tool.name());
        tags.put("steward.tool.arguments-sha256", sha256(asked.arguments()));
        AuditRecord record = new AuditRecord(
                UUID.randomUUID().toString(),
                clock.instant(),
                capability,
                tool == null ? "(unknown tool)" : tool.source(),
                call.template == null ? null : call.template.prompt().id(),
                call.template == null ? null : call.template.prompt().version(),
                call.template == null ? null : call.template.prompt().contentHash(),
                call.caller.principal(),
                call.caller.tenant(),
                call.caller.correlationId(),
                null,
                null,
                null,
                TokenUsage.NONE,
                new Money(0, currency),
                latency,
                outcome,
                "tool '" + (tool == null ? "(unknown)" : tool.name()) + "'" + (reason == null ? "" : ": " + reason),
                List.of(),
                approvalId,
                null,
                call.descriptor.risk(),
                call.descriptor.dataClasses(),
                tags);
        try {
            audit.write(record);
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AuditFailedException(capability, "the audit record of a tool call could not be stored: " + e, e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String quote(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }
}
