package dev.steward.api.spi;

import dev.steward.api.ChatMessage;
import java.util.List;
import java.util.OptionalLong;

/**
 * Counts the input tokens a model will be charged for a request, so that budgets reserve enough before the call.
 * Steward asks every counter it knows for every provider a call may reach and reserves the largest count; when no
 * counter knows a model's encoding it uses a safe upper bound (the UTF-8 byte count plus a per-message allowance).
 * Found with {@link java.util.ServiceLoader} or registered in code. Implementations must be thread-safe and must never
 * return less than the provider will report.
 */
public interface TokenCounter {

    /**
     * Counts the input tokens of a request's messages for a model, including the chat format's per-message tokens.
     *
     * @param model the model the provider is configured with
     * @param messages the messages to send
     * @return the count, or empty when this counter does not know the model's encoding
     */
    OptionalLong count(String model, List<ChatMessage> messages);
}
