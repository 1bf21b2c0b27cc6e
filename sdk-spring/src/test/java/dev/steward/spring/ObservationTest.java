package dev.steward.spring;

import static dev.steward.spring.support.Callers.as;
import static dev.steward.spring.support.Callers.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.ProviderException;
import dev.steward.spring.support.ClaimsService;
import dev.steward.spring.support.TestProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every governed call and provider attempt is a Micrometer observation, here recorded as timers. */
class ObservationTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private ObservationRegistry observations() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return registry;
    }

    @Test
    void callsAndAttemptsAreTimedWithTheirOutcomeAndProvider() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StewardAutoConfiguration.class))
                .withBean(ObservationRegistry.class, this::observations)
                .withBean(TestProvider.class)
                .withBean(ClaimsService.class)
                .run(context -> {
                    ClaimsService claims = context.getBean(ClaimsService.class);
                    as(user("adjuster1", "ROLE_adjuster"), () -> claims.summarize("C-1", "text"));
                    context.getBean(TestProvider.class).answerWith(r -> {
                        throw new ProviderException(TestProvider.NAME, false, null, "down", null);
                    });
                    as(user("adjuster1", "ROLE_adjuster"), () -> claims.summarize("C-2", "text"));
                });
        Timer succeeded = meters.find("steward.call")
                .tag("steward.capability", "claims.summarize")
                .tag("steward.outcome", "SUCCEEDED")
                .timer();
        assertThat(succeeded).isNotNull();
        assertThat(succeeded.count()).isEqualTo(1);
        assertThat(meters.find("steward.call")
                        .tag("steward.outcome", "DEGRADED")
                        .timer())
                .isNotNull();
        Timer attempts = meters.find("steward.provider.attempt")
                .tag("gen_ai.provider.name", "test")
                .tag("error", "none")
                .timer();
        assertThat(attempts).isNotNull();
        assertThat(attempts.count()).isEqualTo(1);
        assertThat(meters.find("steward.provider.attempt")
                        .tag("error", "ProviderException")
                        .timer())
                .isNotNull();
    }
}
