package dev.steward.api.spi;

import java.util.List;
import java.util.Objects;

/**
 * Finds sensitive values in text, so that they can be replaced by placeholders before the text leaves the
 * application and put back in the answer. One implementation per kind of value or per technique: validated patterns
 * (card numbers with their Luhn digit, IBANs with their mod-97 check), deny-lists, or a named-entity model.
 *
 * <p>A redactor only finds; replacing, numbering placeholders and restoring are the caller's. Implementations must be
 * thread-safe. An exception thrown by {@link #find} is a detector failure: the caller must fail closed and never send
 * the text it could not inspect.
 */
public interface Redactor {

    /**
     * A short name for errors and configuration, such as {@code iban} or {@code credit-card}.
     *
     * @return the name
     */
    String name();

    /**
     * Finds the sensitive values in a text.
     *
     * @param text the text
     * @return the values found, in any order; they may overlap, the caller resolves overlaps
     * @throws RuntimeException when the text could not be inspected
     */
    List<Finding> find(String text);

    /**
     * One value found.
     *
     * @param start the index of its first character
     * @param end the index after its last character
     * @param type what it is, upper case, such as {@code IBAN} or {@code PERSON}; it names the placeholder
     *     ({@code <IBAN_1>})
     */
    record Finding(int start, int end, String type) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code type} is {@code null}
         * @throws IllegalArgumentException if the range is empty or negative
         */
        public Finding {
            Objects.requireNonNull(type, "type");
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("invalid range [" + start + ", " + end + ")");
            }
        }
    }
}
