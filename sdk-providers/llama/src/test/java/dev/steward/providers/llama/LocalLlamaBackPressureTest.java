package dev.steward.providers.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.steward.api.ProviderException;
import dev.steward.providers.testing.Requests;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

class LocalLlamaBackPressureTest {

    @Test
    void callerWaitsForAFreeSlotThenFailsRetriably() {
        Semaphore slots = new Semaphore(1, true);
        LocalLlamaProvider provider = new LocalLlamaProvider(
                "local",
                "model",
                null, // never reached: the only slot is taken below
                slots,
                Duration.ofMillis(50),
                LocalLlamaProvider.PromptFormat.RAW,
                new GenerationSettings(0, 42, null, null, null, 64));
        slots.acquireUninterruptibly();

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> provider.infer(Requests.user("letters", "a", 8)));

        assertThat(thrown).isExactlyInstanceOf(ProviderException.class);
        ProviderException e = (ProviderException) thrown;
        assertThat(e.isRetriable()).isTrue();
        assertThat(e).hasMessageContaining("all 1 engine slots stayed busy for PT0.05S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(slots.availablePermits())
                .as("a refused caller releases nothing")
                .isZero();
    }
}
