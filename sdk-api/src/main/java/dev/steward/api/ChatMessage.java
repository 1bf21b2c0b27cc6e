package dev.steward.api;

import java.util.Objects;

/**
 * One message of a chat-style request. Immutable.
 *
 * @param role who speaks
 * @param content the text
 */
public record ChatMessage(Role role, String content) {

    /**
     * Validates that no component is missing.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** Who speaks a message. */
    public enum Role {
        /** Instructions that frame the conversation. */
        SYSTEM,
        /** The application, on behalf of its user. */
        USER,
        /** The model. */
        ASSISTANT
    }
}
