package dev.steward.spring.actuate;

import dev.steward.api.ApprovalRequest;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.register.CapabilityRegister;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code steward} ({@code GET /actuator/steward} once exposed with
 * {@code management.endpoints.web.exposure.include}): the governed capabilities, the routes with their providers,
 * each provider's circuit state, the approval requests awaiting a decision, of answers and of tool calls (who asked
 * and when, never the held answer), and the capability register that {@code steward-register} wrote at compile time merged with the
 * configuration as it is now (the same view as the Jakarta EE resource {@code GET steward/capabilities}; empty when
 * the application was compiled without the processor). Read-only; secure it as any Actuator endpoint.
 */
@Endpoint(id = "steward")
public class StewardEndpoint {

    private final Steward steward;
    private final ConfigValues config;

    /**
     * Creates the endpoint.
     *
     * @param steward the application's Steward
     * @param config the configuration Steward reads, to merge into the register
     */
    public StewardEndpoint(Steward steward, ConfigValues config) {
        this.steward = steward;
        this.config = config;
    }

    /**
     * What Steward governs and how it stands.
     *
     * @return the view
     */
    @ReadOperation
    public StewardView steward() {
        List<CapabilityView> capabilities = steward.capabilities().stream()
                .map(GovernedCapability::definition)
                .map(CapabilityView::of)
                .toList();
        Map<String, String> circuits = new LinkedHashMap<>();
        steward.circuitBreakers()
                .forEach((provider, breaker) ->
                        circuits.put(provider, breaker.state().name()));
        List<PendingView> pending = steward.approvals().awaiting(steward.approverRoles()).stream()
                .map(PendingView::of)
                .toList();
        // read per request, like the Jakarta EE resource: a few kilobytes from the application's class loader
        List<dev.steward.core.web.CapabilityView> register =
                CapabilityRegister.load(Thread.currentThread().getContextClassLoader())
                        .live(new ConfigReader(config))
                        .stream()
                        .map(dev.steward.core.web.CapabilityView::of)
                        .toList();
        return new StewardView(capabilities, steward.routes(), circuits, pending, register);
    }

    /**
     * The endpoint's answer.
     *
     * @param capabilities the governed capabilities, by name
     * @param routes the providers of each route, in order
     * @param circuits each provider's circuit state: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     * @param pendingApprovals the requests awaiting a decision, oldest first
     * @param register the generated register merged with the live configuration, empty without one
     */
    public record StewardView(
            List<CapabilityView> capabilities,
            Map<String, List<String>> routes,
            Map<String, String> circuits,
            List<PendingView> pendingApprovals,
            List<dev.steward.core.web.CapabilityView> register) {}

    /**
     * A governed capability.
     *
     * @param name its name
     * @param source the annotated {@code Class#method}
     * @param route its route
     * @param risk its risk tier
     * @param approverRole the role that approves its answers, or {@code null}
     */
    public record CapabilityView(String name, String source, String route, String risk, String approverRole) {
        static CapabilityView of(CapabilityDefinition d) {
            return new CapabilityView(
                    d.name(),
                    d.source(),
                    d.route(),
                    d.risk().name(),
                    d.approval() == null ? null : d.approval().role());
        }
    }

    /**
     * An approval request awaiting a decision, without its held answer.
     *
     * @param id the request id
     * @param capability the capability
     * @param requester who asked
     * @param approverRole the role that decides
     * @param createdAt when it was made
     * @param expiresAt when it expires undecided
     */
    public record PendingView(
            String id, String capability, String requester, String approverRole, Instant createdAt, Instant expiresAt) {
        static PendingView of(ApprovalRequest r) {
            return new PendingView(
                    r.id(), r.capability(), r.requester().principal(), r.approverRole(), r.createdAt(), r.expiresAt());
        }
    }
}
