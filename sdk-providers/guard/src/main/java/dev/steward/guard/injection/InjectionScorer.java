package dev.steward.guard.injection;

/**
 * One injection score in [0, 1] for a text: the mean of the heuristics' weight and the classifier's likelihood. The
 * mean was chosen by two-fold cross-validation on the training half of the development set, where it kept the
 * false-positive rate lowest for a given true-positive rate; neither part alone is reliable (the classifier follows
 * topic as much as intent, the heuristics miss paraphrases). Texts longer
 * than the embedding model reads are scored in overlapping windows, and the highest window counts. Thread-safe.
 */
public final class InjectionScorer implements AutoCloseable {

    // the model reads about 256 word pieces; a window of this many characters stays within that for English text
    private static final int WINDOW = 800;

    private final InjectionHeuristics heuristics;
    private final InjectionClassifier classifier;

    /**
     * Creates a scorer.
     *
     * @param heuristics the rules
     * @param classifier the classifier
     */
    public InjectionScorer(InjectionHeuristics heuristics, InjectionClassifier classifier) {
        this.heuristics = heuristics;
        this.classifier = classifier;
    }

    /**
     * The shipped heuristics and classifier.
     *
     * @return the scorer
     */
    public static InjectionScorer standard() {
        return new InjectionScorer(new InjectionHeuristics(), InjectionClassifier.standard());
    }

    /**
     * Scores a text.
     *
     * @param text the text
     * @return the score, in [0, 1]
     */
    public double score(String text) {
        double h = heuristics.score(text);
        double c = 0;
        for (int start = 0; start < Math.max(1, text.length()); start += WINDOW / 2) {
            c = Math.max(c, classifier.score(text.substring(start, Math.min(text.length(), start + WINDOW))));
            if (start + WINDOW >= text.length()) {
                break;
            }
        }
        return (h + c) / 2;
    }

    @Override
    public void close() {
        classifier.close();
    }
}
