package dev.steward.providers.internal;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import java.util.List;
import java.util.stream.Collectors;

/** Turns chat messages into the single text that completion engines and classifiers work on. */
public final class PromptText {

    private PromptText() {}

    /**
     * The messages' contents in order, separated by blank lines, without role markers: what a completion model
     * continues.
     *
     * @param messages the messages
     * @return the text
     */
    public static String flatten(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::content).collect(Collectors.joining("\n\n"));
    }

    /**
     * The text a classifier should label: the named variable when one is given and bound, else the last user
     * message, else all messages flattened.
     *
     * @param request the request
     * @param variable the variable name, or {@code null}
     * @return the text
     */
    public static String subject(InferenceRequest request, String variable) {
        if (variable != null) {
            Object value = request.variables().get(variable);
            if (value != null) {
                return value.toString();
            }
        }
        List<ChatMessage> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == ChatMessage.Role.USER) {
                return messages.get(i).content();
            }
        }
        return flatten(messages);
    }
}
