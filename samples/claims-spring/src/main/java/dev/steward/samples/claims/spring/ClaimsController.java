package dev.steward.samples.claims.spring;

import dev.steward.api.Answer;
import dev.steward.api.ApprovalPendingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The claims API: the claims, and the three AI-assisted steps. Approvers use the starter's
 * {@code /api/steward/approvals}; the requester reads an approved letter at
 * {@code /api/steward/approvals/{id}/result}.
 */
@RestController
@RequestMapping("/api/claims")
public class ClaimsController {

    private final ClaimRepository claims;
    private final ClaimAssistant assistant;

    ClaimsController(ClaimRepository claims, ClaimAssistant assistant) {
        this.claims = claims;
        this.assistant = assistant;
    }

    @GetMapping
    List<Claim> all() {
        return claims.findAll();
    }

    @GetMapping("/{id}")
    Claim one(@PathVariable("id") String id) {
        return claim(id);
    }

    @PostMapping("/{id}/triage")
    Map<String, Object> triage(@PathVariable("id") String id) {
        Answer answer = assistant.triage(claim(id).description());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("claimId", id);
        out.put("team", answer.text());
        out.put(
                "confidence",
                answer.confidence().isPresent() ? answer.confidence().getAsDouble() : null);
        return out;
    }

    @PostMapping("/{id}/summary")
    Map<String, Object> summarize(@PathVariable("id") String id) {
        Answer answer = assistant.summarize(claim(id).description());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("claimId", id);
        out.put("summary", answer.text());
        out.put("model", answer.model());
        out.put("degraded", answer.degraded());
        out.put("reason", answer.reason());
        return out;
    }

    @PostMapping("/{id}/letter")
    ResponseEntity<Map<String, Object>> draftLetter(
            @PathVariable("id") String id, @RequestBody(required = false) LetterRequest request) {
        Claim c = claim(id);
        String decision = request == null || request.decision() == null ? "" : request.decision();
        try {
            return ResponseEntity.ok(
                    Map.of("claimId", id, "letter", assistant.draftLetter(c.policyHolder(), c.id(), decision)));
        } catch (ApprovalPendingException pending) {
            return ResponseEntity.accepted()
                    .body(Map.of("claimId", id, "approvalId", pending.approvalId(), "status", "PENDING"));
        }
    }

    private Claim claim(String id) {
        return claims.findById(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no claim " + id));
    }

    /**
     * The adjuster's decision a letter explains.
     *
     * @param decision what was decided
     */
    record LetterRequest(String decision) {}
}
