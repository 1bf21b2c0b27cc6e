package dev.steward.core.answer;

import java.util.List;

/**
 * Checks a typed answer's value beyond its JSON shape, for example against Jakarta Bean Validation constraints. A
 * violation sends the model one repair attempt with the violations, then fails the call with
 * {@link dev.steward.api.InvalidAnswerException}. Implementations must be thread-safe; what they return is shown to
 * the model and put into the exception, so it names properties and rules, never the value.
 */
@FunctionalInterface
public interface AnswerValidator {

    /** Accepts every value. */
    AnswerValidator NONE = value -> List.of();

    /**
     * Checks one value.
     *
     * @param value the answer's value (for a list, each element in turn)
     * @return the violations, each as {@code path: message} (for example {@code confidence: must be less than or
     *     equal to 1}); empty when it is valid
     */
    List<String> violations(Object value);

    /**
     * Jakarta Bean Validation (or {@code javax.validation} on Java EE 8) when an API and a provider are on the
     * class path, else {@link #NONE}. Found by name, so Steward's core needs neither.
     *
     * @param loader where to look
     * @return the validator
     */
    static AnswerValidator detect(ClassLoader loader) {
        return BeanValidation.find(loader).map(AnswerValidator.class::cast).orElse(NONE);
    }

    /**
     * Like {@link #detect}, but looks on the first value it checks, so that an application without typed answers
     * never pays for starting a validator. Closing it closes the validator it found.
     *
     * @param loader where to look
     * @return the validator
     */
    static Detecting detecting(ClassLoader loader) {
        return new Detecting(loader);
    }

    /** A validator that detects Bean Validation on first use; see {@link #detecting}. Thread-safe. */
    final class Detecting implements AnswerValidator, AutoCloseable {
        private final ClassLoader loader;
        // written once under the lock, read without it afterwards
        private volatile AnswerValidator found;

        private Detecting(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public List<String> violations(Object value) {
            AnswerValidator v = found;
            if (v == null) {
                synchronized (this) {
                    if (found == null) {
                        found = detect(loader);
                    }
                    v = found;
                }
            }
            return v.violations(value);
        }

        @Override
        public void close() throws Exception {
            if (found instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
