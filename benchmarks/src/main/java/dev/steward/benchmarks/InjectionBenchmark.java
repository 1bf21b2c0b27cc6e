package dev.steward.benchmarks;

import dev.steward.guard.injection.InjectionScorer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The injection guard's model stage: {@link InjectionScorer#standard()} (heuristics, de-obfuscation, the
 * all-MiniLM-L6-v2 embedding and the logistic regression), as the guard builds it, scoring one text per operation,
 * the texts of the injection development set's held-out file ({@link #HELD_OUT}) taken in turn. Only the texts
 * are read, not the labels. {@code SampleTime} gives the distribution of the time per text.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class InjectionBenchmark {

    /** The held-out texts, from the project root; {@code -Dsteward.bench.guard.injection-texts=FILE} names another. */
    public static final DataFile HELD_OUT =
            new DataFile("steward.bench.guard.injection-texts", "benchmarks/data/injection-heldout.jsonl");

    /** The scorer and the texts, and which text is next. */
    @State(Scope.Benchmark)
    public static class Scorer {
        List<String> texts;
        InjectionScorer scorer;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            texts = DataFile.texts(HELD_OUT.locate());
            if (texts.isEmpty()) {
                throw new IllegalStateException(HELD_OUT.locate() + " has no text");
            }
            scorer = InjectionScorer.standard();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            scorer.close();
        }
    }

    /**
     * Scores the next text.
     *
     * @param s the scorer and texts
     * @return the score, in [0, 1]
     */
    @Benchmark
    public double score(Scorer s) {
        String text = s.texts.get(s.next);
        s.next = (s.next + 1) % s.texts.size();
        return s.scorer.score(text);
    }
}
