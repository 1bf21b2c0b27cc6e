package dev.steward.api;

import java.util.List;

/**
 * The model's answer could not be read as the capability's type, or broke its validation constraints, even after one
 * repair attempt that told the model what was wrong, and the capability has no fallback. The message names the type
 * and the problem (a JSON path and what was expected there), never the answer itself, which may hold personal data;
 * the audit record of the call has every attempt.
 */
public class InvalidAnswerException extends StewardException {

    private final String type;
    private final String problem;
    private final List<Attempt> attempts;

    /**
     * Creates an exception.
     *
     * @param capability the capability
     * @param type the type the answer had to have, for example {@code com.acme.Triage}
     * @param problem what was wrong with the last answer, without its content, for example
     *     {@code $.confidence: must be less than or equal to 1}
     * @param attempts every provider try, in order, repairs included
     */
    public InvalidAnswerException(String capability, String type, String problem, List<Attempt> attempts) {
        super(
                capability,
                "the answer of '" + capability + "' is not a valid " + type + " after a repair attempt: " + problem,
                null);
        this.type = type;
        this.problem = problem;
        this.attempts = List.copyOf(attempts);
    }

    /**
     * The type the answer had to have.
     *
     * @return its name
     */
    public String type() {
        return type;
    }

    /**
     * What was wrong with the last answer, without its content.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }

    /**
     * Every provider try, in order, repairs included.
     *
     * @return the attempts
     */
    public List<Attempt> attempts() {
        return attempts;
    }
}
