package dev.steward.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Holds a capability's output for a human's sign-off before it counts.
 *
 * <p>When the answer's confidence is below {@link #belowConfidence()} (by default: always), or an extension asks for
 * approval of this call, the call does not
 * return the output; it persists an approval request and throws {@code ApprovalPendingException} carrying the
 * request id. An approver holding {@link #role()}, other than the caller, approves or rejects it; the output is
 * released only after approval. Both the request and the decision are audited.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresApproval {

    /** The threshold meaning "every answer needs approval". */
    double ALWAYS = Double.POSITIVE_INFINITY;

    /**
     * The role an approver must hold.
     *
     * @return the approver role, never empty
     */
    String role();

    /**
     * Answers with a confidence strictly below this value need approval; answers without a confidence always do,
     * except at 0: then only answers that an extension holds for approval (for example an input suspected of prompt
     * injection) do, and every other answer is released at once.
     *
     * @return a threshold in [0, 1], or {@link #ALWAYS}
     */
    double belowConfidence() default ALWAYS;

    /**
     * How long a request waits for a decision, as an ISO-8601 duration; an expired request counts as rejected.
     *
     * @return the expiry, for example {@code P2D}
     */
    String expiry() default "P7D";
}
