package dev.steward.guard.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.guard.injection.InjectionHeuristics;
import dev.steward.guard.injection.InjectionModel;
import dev.steward.guard.injection.InjectionScorer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped injection model is what the training code makes of the shipped examples. */
class InjectionTrainingTest {

    private static final String EXAMPLES = "/dev/steward/guard/injection/examples.jsonl";

    @Test
    void retrainingOnTheShippedExamplesReproducesTheShippedModel() throws Exception {
        List<String> lines;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                InjectionTrainingTest.class.getResourceAsStream(EXAMPLES), StandardCharsets.UTF_8))) {
            lines = in.lines().toList();
        }
        List<Boolean> labels = new ArrayList<>();
        double[][] x;
        try (InjectionScorer scorer = new InjectionScorer(
                new InjectionHeuristics(),
                InjectionScorer.standardEmbeddings(),
                new InjectionModel(new double[InjectionModel.DIMENSIONS + 3]))) {
            x = InjectionTraining.features(lines, scorer, labels);
        }
        boolean[] injection = new boolean[labels.size()];
        for (int i = 0; i < injection.length; i++) {
            injection[i] = labels.get(i);
        }

        InjectionTraining.Result retrained = InjectionTraining.train(x, injection);
        InjectionModel shipped = InjectionModel.read(InjectionModel.STANDARD);

        assertThat(labels).hasSizeGreaterThanOrEqualTo(300).contains(true, false);
        assertThat(retrained.cvFpr()).isLessThanOrEqualTo(InjectionTraining.TARGET_FPR);
        assertThat(retrained.cvTpr()).isGreaterThanOrEqualTo(0.85);
        // the same decisions on every example: a changed example file or heuristic needs a retrained model
        int disagreements = 0;
        for (double[] row : x) {
            boolean a = retrained.model().probability(row) >= InjectionTraining.OPERATING_POINT;
            boolean b = shipped.probability(row) >= InjectionTraining.OPERATING_POINT;
            disagreements += a == b ? 0 : 1;
        }
        assertThat(disagreements).isLessThanOrEqualTo(1);
        assertThat(shipped.heuristicWeight())
                .isCloseTo(retrained.model().heuristicWeight(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(shipped.quotedHeuristicWeight())
                .isCloseTo(retrained.model().quotedHeuristicWeight(), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void separatesLinearlySeparableRowsAndPlacesTheOperatingPointBetweenThem() {
        int n = 60;
        double[][] x = new double[n][];
        boolean[] injection = new boolean[n];
        for (int i = 0; i < n; i++) {
            injection[i] = i % 2 == 0;
            float[] e = new float[InjectionModel.DIMENSIONS];
            e[0] = injection[i] ? 0.8f : -0.8f;
            e[1 + i % 7] = 0.6f;
            x[i] = InjectionModel.features(e, new InjectionHeuristics.Score(injection[i] ? 0.9 : 0, 0));
        }

        InjectionTraining.Result r = InjectionTraining.train(x, injection);

        assertThat(r.cvTpr()).isEqualTo(1.0);
        assertThat(r.cvFpr()).isZero();
        for (int i = 0; i < n; i++) {
            assertThat(r.model().probability(x[i]) >= InjectionTraining.OPERATING_POINT)
                    .as("row %d", i)
                    .isEqualTo(injection[i]);
        }
    }
}
