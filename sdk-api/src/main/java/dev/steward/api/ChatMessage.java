package dev.steward.api;

import java.util.List;
import java.util.Objects;

/**
 * One message of a chat-style request. Immutable.
 *
 * @param role who speaks
 * @param content the text; empty for a model's message that only asks for tools
 * @param toolCalls the tools a model's message asks to call; empty otherwise
 * @param toolCallId the call a {@link Role#TOOL} message answers; {@code null} for other roles
 */
public record ChatMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code role} or {@code content} is {@code null}, or a tool message has no
     *     {@code toolCallId}
     */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (role == Role.TOOL) {
            Objects.requireNonNull(toolCallId, "toolCallId");
        }
    }

    /**
     * A message of text.
     *
     * @param role who speaks
     * @param content the text
     * @throws NullPointerException if a component is {@code null}, or the role is {@link Role#TOOL}
     */
    public ChatMessage(Role role, String content) {
        this(role, content, List.of(), null);
    }

    /**
     * A model's message that asks for tools.
     *
     * @param content what the model said beside, often empty
     * @param calls the calls
     * @return the message
     */
    public static ChatMessage toolCalls(String content, List<ToolCall> calls) {
        return new ChatMessage(Role.ASSISTANT, content == null ? "" : content, calls, null);
    }

    /**
     * A tool's result for the model.
     *
     * @param toolCallId the call it answers
     * @param content the result, usually JSON
     * @return the message
     */
    public static ChatMessage toolResult(String toolCallId, String content) {
        return new ChatMessage(Role.TOOL, content, List.of(), toolCallId);
    }

    /** Who speaks a message. */
    public enum Role {
        /** Instructions that frame the conversation. */
        SYSTEM,
        /** The application, on behalf of its user. */
        USER,
        /** The model. */
        ASSISTANT,
        /** A tool's result, answering one of the model's tool calls. */
        TOOL
    }
}
