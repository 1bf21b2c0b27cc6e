package dev.steward.guard.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a long text is read: window by window, one embedding each, the highest window counting. */
class InjectionScorerWindowTest {

    private final List<String> embedded = new ArrayList<>();

    // points one way for a window holding the marker and another way for any other
    private final EmbeddingModel embeddings = new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> out = new ArrayList<>();
            for (TextSegment s : segments) {
                embedded.add(s.text());
                float[] v = new float[InjectionModel.DIMENSIONS];
                v[s.text().contains("MARKER") ? 0 : 1] = 1;
                out.add(Embedding.from(v));
            }
            return Response.from(out);
        }
    };

    private final InjectionScorer scorer = new InjectionScorer(new InjectionHeuristics(), embeddings, model());

    private static InjectionModel model() {
        double[] w = new double[InjectionModel.DIMENSIONS + 3];
        w[0] = 1;
        w[InjectionModel.DIMENSIONS + 2] = -5;
        return new InjectionModel(w);
    }

    @Test
    void aTextOfAThousandCharactersIsOneWindow() {
        String text = "a".repeat(996) + " end";

        scorer.score(text);

        assertThat(embedded).hasSize(1);
        assertThat(embedded.get(0)).hasSize(1000);
    }

    @Test
    void aLongerTextIsReadInOverlappingWindowsAndTheHighestCounts() {
        String text = "b".repeat(2_400) + " MARKER";

        double score = scorer.score(text);

        // windows start every 500 characters and the last one reaches the end
        assertThat(embedded).hasSize(4);
        assertThat(embedded.get(3)).endsWith("MARKER");
        assertThat(embedded.subList(0, 3)).noneMatch(w -> w.contains("MARKER"));
        assertThat(score).isGreaterThan(0.99);
        assertThat(scorer.score("b".repeat(2_400))).isLessThan(0.01);
    }
}
