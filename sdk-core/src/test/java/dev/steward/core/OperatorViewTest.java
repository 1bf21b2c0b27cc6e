package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.TokenUsage;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What operators see: capabilities, routes and the approval queue. */
class OperatorViewTest {

    @Test
    void listsCapabilitiesRoutesAndTheRequestsAwaitingARole() throws Exception {
        ScriptedProvider a = new ScriptedProvider("a").answers("ok", "m", new TokenUsage(1, 1));
        ScriptedProvider b = new ScriptedProvider("b");
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(Map.of("steward.route.default.providers", "a,b")))
                .provider(a)
                .provider(b)
                .promptRegistry(
                        new InMemoryPromptRegistry().put("z.tag", "v1", "x").put("a.adjust", "v1", "y"))
                .build()) {
            steward.capability(CapabilityDefinition.builder("z.tag").build());
            GovernedCapability adjust = steward.capability(CapabilityDefinition.builder("a.adjust")
                    .approval(new CapabilityDefinition.Approval("supervisor", 1.0, "P2D"))
                    .build());
            assertThat(steward.capabilities())
                    .extracting(c -> c.definition().name())
                    .containsExactly("a.adjust", "z.tag");
            assertThat(steward.routes()).containsExactly(Map.entry("default", List.of("a", "b")));

            String id = catchThrowableOfType(
                            ApprovalPendingException.class, () -> adjust.invoke(Callers.ADJUSTER, new Object[0], null))
                    .approvalId();
            assertThat(steward.approvals().awaiting(Set.of("supervisor")))
                    .extracting(r -> r.id())
                    .containsExactly(id);
            assertThat(steward.approvals().awaiting(Set.of("auditor"))).isEmpty();
        }
    }
}
