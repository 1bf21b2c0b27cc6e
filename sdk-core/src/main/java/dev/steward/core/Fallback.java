package dev.steward.core;

/**
 * The capability's last resort when no provider answered: usually the method named by
 * {@code @AiCapability(fallback = ...)}, bound by the integration to the target instance.
 */
@FunctionalInterface
public interface Fallback {

    /**
     * Answers without a model.
     *
     * @param args the call's arguments
     * @param cause why the providers failed, or an {@link dev.steward.api.InvalidAnswerException} when a typed
     *     answer stayed invalid after its repair attempt
     * @return the answer
     * @throws Exception if the fallback fails too; the call then fails with
     *     {@link dev.steward.api.InferenceUnavailableException}
     */
    String answer(Object[] args, Throwable cause) throws Exception;
}
