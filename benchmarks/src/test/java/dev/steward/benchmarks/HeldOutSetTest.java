package dev.steward.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The injection set that measures the shipped model is one it was not trained on. */
class HeldOutSetTest {

    // what benchmarks/train-injection.sh trains the shipped model from
    private static final DataFile TRAINING = new DataFile(
            "steward.test.injection-examples",
            "sdk-providers/guard/src/main/resources/dev/steward/guard/injection/examples.jsonl");

    @Test
    void noHeldOutTextIsATrainingExample() throws IOException {
        List<String> heldOut = DataFile.texts(InjectionBenchmark.HELD_OUT.locate());
        Set<String> training = new HashSet<>(DataFile.texts(TRAINING.locate()));

        assertThat(training).hasSizeGreaterThan(1_000);
        assertThat(heldOut).hasSizeGreaterThanOrEqualTo(150).doesNotHaveDuplicates();
        assertThat(heldOut).filteredOn(training::contains).isEmpty();
    }
}
