package dev.steward.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.api.ChatMessage;
import dev.steward.api.ToolCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A conversation paused at a tool call that needs approval, as it is persisted in the approval request's output: the
 * tool call first (what the approver decides on), then the conversation so far and the calls still to make, so that
 * the call resumes from that point. Immutable.
 *
 * @param promptVersion the prompt version the conversation was rendered from, so that the resumed call audits it
 * @param round the tool rounds used so far
 * @param messages the conversation so far, up to and including the model's message that asked for the tools
 * @param pending the tool calls of that message not yet answered, the held one first
 */
record HeldToolCall(String promptVersion, int round, List<ChatMessage> messages, List<ToolCall> pending) {

    // an approver reads an amount of 1200.50 as the model wrote it, not as a double would print it
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final String KIND = "steward.tool-call/1";

    HeldToolCall {
        messages = List.copyOf(messages);
        pending = List.copyOf(pending);
    }

    ToolCall held() {
        return pending.get(0);
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", KIND);
        root.put("tool", held().name());
        root.set("arguments", argumentsTree(held().arguments()));
        root.put("promptVersion", promptVersion);
        root.put("round", round);
        ArrayNode conversation = root.putArray("conversation");
        for (ChatMessage m : messages) {
            ObjectNode n = conversation
                    .addObject()
                    .put("role", m.role().name().toLowerCase(Locale.ROOT))
                    .put("content", m.content());
            if (m.toolCallId() != null) {
                n.put("toolCallId", m.toolCallId());
            }
            if (!m.toolCalls().isEmpty()) {
                writeCalls(n.putArray("toolCalls"), m.toolCalls());
            }
        }
        writeCalls(root.putArray("pending"), pending);
        return root.toString();
    }

    static boolean isHeldToolCall(String output) {
        return output.startsWith("{\"kind\":\"" + KIND + "\"");
    }

    static HeldToolCall fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a held tool call", e);
        }
        if (!KIND.equals(root.path("kind").asText())) {
            throw new IllegalArgumentException("not a held tool call");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode n : root.path("conversation")) {
            messages.add(new ChatMessage(
                    ChatMessage.Role.valueOf(n.path("role").asText().toUpperCase(Locale.ROOT)),
                    n.path("content").asText(),
                    readCalls(n.path("toolCalls")),
                    n.hasNonNull("toolCallId") ? n.path("toolCallId").asText() : null));
        }
        return new HeldToolCall(
                root.path("promptVersion").asText(),
                root.path("round").asInt(),
                messages,
                readCalls(root.path("pending")));
    }

    private static void writeCalls(ArrayNode out, List<ToolCall> calls) {
        for (ToolCall c : calls) {
            out.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.arguments());
        }
    }

    private static List<ToolCall> readCalls(JsonNode array) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode c : array) {
            calls.add(new ToolCall(
                    c.path("id").asText(),
                    c.path("name").asText(),
                    c.path("arguments").asText()));
        }
        return calls;
    }

    // the approver reads the arguments as JSON where the model wrote JSON, as text where it did not
    private static JsonNode argumentsTree(String arguments) {
        try {
            JsonNode n = JSON.readTree(arguments);
            return n == null ? JSON.getNodeFactory().textNode(arguments) : n;
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(arguments);
        }
    }
}
