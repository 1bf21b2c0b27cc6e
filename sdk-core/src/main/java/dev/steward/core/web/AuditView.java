package dev.steward.core.web;

import dev.steward.api.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An audit record as the REST resource returns it: flat, with amounts as text and durations in milliseconds, so
 * that any JSON client reads it. Immutable.
 *
 * @param id the record id
 * @param timestamp when the call started or the decision was taken
 * @param capability the capability name
 * @param source the annotated {@code Class#method}
 * @param promptId the prompt id, or {@code null}
 * @param promptVersion the prompt version, or {@code null}
 * @param promptHash the prompt's content hash, or {@code null}
 * @param principal the caller, or {@code null} when anonymous
 * @param tenant the tenant, or {@code null}
 * @param correlationId the correlation id
 * @param route the route, or {@code null}
 * @param provider the provider that answered, or {@code null}
 * @param model the model that answered, or {@code null}
 * @param inputTokens prompt tokens
 * @param outputTokens answer tokens
 * @param cost the cost as {@code "<amount> <currency>"}
 * @param latencyMillis how long the call took
 * @param outcome how it ended
 * @param reason why it ended so, or {@code null}
 * @param attempts every provider try
 * @param approvalId the approval request concerned, or {@code null}
 * @param approver who decided it, or {@code null}
 * @param tags facts extensions added to the call, for example {@code steward.correlation-id.original-sha256}
 */
public record AuditView(
        String id,
        Instant timestamp,
        String capability,
        String source,
        String promptId,
        String promptVersion,
        String promptHash,
        String principal,
        String tenant,
        String correlationId,
        String route,
        String provider,
        String model,
        long inputTokens,
        long outputTokens,
        String cost,
        long latencyMillis,
        String outcome,
        String reason,
        List<AttemptView> attempts,
        String approvalId,
        String approver,
        Map<String, String> tags) {

    /**
     * One provider try.
     *
     * @param provider the provider
     * @param result how it ended
     * @param latencyMillis how long it took
     * @param error what went wrong, or {@code null}
     */
    public record AttemptView(String provider, String result, long latencyMillis, String error) {}

    /**
     * The view of a record.
     *
     * @param r the record
     * @return the view
     */
    public static AuditView of(AuditRecord r) {
        List<AttemptView> attempts = r.attempts().stream()
                .map(a -> new AttemptView(
                        a.provider(), a.result().name(), a.latency().toMillis(), a.error()))
                .toList();
        return new AuditView(
                r.id(),
                r.timestamp(),
                r.capability(),
                r.source(),
                r.promptId(),
                r.promptVersion(),
                r.promptHash(),
                r.principal(),
                r.tenant(),
                r.correlationId(),
                r.route(),
                r.provider(),
                r.model(),
                r.usage().inputTokens(),
                r.usage().outputTokens(),
                r.cost().toString(),
                r.latency().toMillis(),
                r.outcome().name(),
                r.reason(),
                attempts,
                r.approvalId(),
                r.approver(),
                r.tags());
    }
}
