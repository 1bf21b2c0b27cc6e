package dev.steward.cdi.it.app;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.api.spi.InferenceProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The test WAR's provider, declared as a CDI bean: answers with the rendered prompt, or, asked for a typed answer, with
 * a JSON object whose {@code reasons} quote the prompt; offered a tool, it calls it once with the claim the prompt
 * names.
 */
@ApplicationScoped
public class EchoProvider implements InferenceProvider {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public boolean supportsTools() {
        return true;
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        if (!request.tools().isEmpty()) {
            // offered a tool: pays the claim the prompt names, then says what the payment returned
            if (last.role() == ChatMessage.Role.USER) {
                String claimId = last.content().substring(last.content().lastIndexOf(' ') + 1);
                return InferenceResponse.toolCalls(
                        List.of(new ToolCall(
                                "call_1", request.tools().get(0).name(), "{\"claimId\":\"" + claimId + "\"}")),
                        "",
                        "echo-model",
                        new TokenUsage(8, 4));
            }
            return InferenceResponse.of("model says: paid " + last.content(), "echo-model", new TokenUsage(8, 4));
        }
        String prompt = last.content();
        if (request.responseSchema() != null) {
            // the schema travels as instructions after a blank line, since this provider has no structured output
            String asked = prompt.split("\n\n", 2)[0];
            return InferenceResponse.of(
                    "{\"team\":\"STANDARD\",\"confidence\":0.7,\"reasons\":[\"" + asked + "\"]}",
                    "echo-model",
                    new TokenUsage(8, 4));
        }
        return InferenceResponse.of("model says: " + prompt, "echo-model", new TokenUsage(8, 4));
    }
}
