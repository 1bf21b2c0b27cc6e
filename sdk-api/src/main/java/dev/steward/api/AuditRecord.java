package dev.steward.api;

import dev.steward.api.annotation.DataClass;
import dev.steward.api.annotation.RiskTier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The structured record of one governed call or one approval decision. Immutable.
 *
 * <p>Every call yields exactly one record, whatever its {@link Outcome}. Prompt text and model output are never part
 * of it; the prompt is identified by id, version and content hash.
 *
 * @param id a unique id
 * @param timestamp when the call started (or the decision was taken)
 * @param capability the capability name
 * @param source the annotated {@code Class#method}, or the registering code's name
 * @param promptId the prompt id, or {@code null} when the call ended before a prompt was chosen
 * @param promptVersion the prompt version, or {@code null}
 * @param promptHash the prompt's content hash, or {@code null}
 * @param principal the caller's principal, or {@code null} when anonymous
 * @param tenant the caller's tenant, or {@code null}
 * @param correlationId the caller's correlation id
 * @param route the route that answered, or {@code null}
 * @param provider the provider that answered, or {@code null}
 * @param model the model that answered, or {@code null}
 * @param usage the tokens consumed
 * @param cost what the call cost, in the budget currency
 * @param latency how long the call took
 * @param outcome how it ended
 * @param reason why it ended so (the denial, the failure, the degradation), or {@code null} on plain success
 * @param attempts every provider try, in order
 * @param approvalId the approval request this record concerns, or {@code null}
 * @param approver who decided an approval, or {@code null}
 * @param risk the capability's declared risk tier, or {@code null} for a decision on a capability this instance
 *     does not declare
 * @param dataClasses the data classes the capability's input may contain
 * @param tags facts that pipeline extensions added to the call (a trace id, redaction counts), never prompt text
 */
public record AuditRecord(
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
        TokenUsage usage,
        Money cost,
        Duration latency,
        Outcome outcome,
        String reason,
        List<Attempt> attempts,
        String approvalId,
        String approver,
        RiskTier risk,
        Set<DataClass> dataClasses,
        Map<String, String> tags) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a required component is {@code null}
     */
    public AuditRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(outcome, "outcome");
        attempts = List.copyOf(attempts);
        // records written before these components existed read back as empty
        dataClasses = dataClasses == null ? Set.of() : Set.copyOf(dataClasses);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
