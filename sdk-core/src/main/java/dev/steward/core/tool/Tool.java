package dev.steward.core.tool;

import java.time.Duration;
import java.util.Optional;

/**
 * A tool a capability may offer its model. Integrations make one per {@code @AiTool} method ({@link MethodTool}) and
 * register it with {@link dev.steward.core.Steward.Builder#tool}; code may implement it directly. Implementations must
 * be thread-safe.
 */
public interface Tool {

    /**
     * The name the model and configuration use.
     *
     * @return 1 to 64 letters, digits, {@code _} or {@code -}
     */
    String name();

    /**
     * What the tool does, for the model.
     *
     * @return the description
     */
    String description();

    /**
     * The JSON Schema of the arguments object.
     *
     * @return the schema, as JSON text
     */
    String parameters();

    /**
     * Where the tool was declared, for audit and errors, such as {@code Class#method}.
     *
     * @return the source
     */
    String source();

    /**
     * Whether each call waits for an approver first.
     *
     * @return the approval, or empty when calls run at once
     */
    default Optional<Approval> approval() {
        return Optional.empty();
    }

    /**
     * Runs the tool. Steward has already authorized the caller.
     *
     * @param arguments the arguments object the model wrote, as JSON text
     * @return the result for the model, usually JSON
     * @throws IllegalArgumentException if the arguments do not fit; the message goes back to the model, so it names
     *     what was expected, not secrets
     * @throws Exception if the tool fails; the model is told that it failed, not why
     */
    String call(String arguments) throws Exception;

    /**
     * The approval a tool's calls need.
     *
     * @param role the role an approver must hold
     * @param expiry how long a request waits
     */
    record Approval(String role, Duration expiry) {
        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if the role is blank or the expiry not positive
         */
        public Approval {
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("an approval needs the approver role");
            }
            if (expiry == null || expiry.isNegative() || expiry.isZero()) {
                throw new IllegalArgumentException("the expiry must be positive, was " + expiry);
            }
        }
    }
}
