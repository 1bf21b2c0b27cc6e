package dev.steward.core.spi;

/**
 * One try of one provider within a call: the call's context plus which provider and which try. Confined to the
 * calling thread.
 */
public interface AttemptContext {

    /**
     * The call this try belongs to.
     *
     * @return the call
     */
    CallContext call();

    /**
     * The provider tried.
     *
     * @return its name
     */
    String provider();

    /**
     * The try's number for this provider in this call, from 1; retries count up.
     *
     * @return the number
     */
    int number();

    /**
     * The model this try asks the provider for, as the provider declares it ({@code InferenceProvider#model()}), so
     * that a tracer can name the request before the answer says which model replied.
     *
     * @return the model's name, or {@code null} when the provider does not declare one
     */
    default String requestedModel() {
        return null;
    }
}
