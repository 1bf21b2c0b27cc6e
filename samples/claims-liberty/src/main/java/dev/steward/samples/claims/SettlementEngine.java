package dev.steward.samples.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.api.spi.InferenceProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample's offline settlement engine: it plays the model of {@code claims.propose-settlement} by the
 * department's rule, so that the tool flow works with no gateway and no model. Like a model, it speaks only through
 * the conversation, in OpenAI's shape: it asks for {@code lookupPolicy}, then for {@code issuePayment} of the amount
 * claimed up to the cover limit, less the deductible, then writes the proposal from the tools' results; a refused or
 * failed tool ends the conversation with a proposal that says so. Stateless: a conversation resumed after an approval
 * (which carries no prompt variables) is read from its messages alone.
 *
 * <p>Its tokens are words, counted as {@link LetterDrafter} counts them.
 */
@ApplicationScoped
public class SettlementEngine implements InferenceProvider {

    /** The model name it reports. */
    static final String MODEL = "settlement-rules-1";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "settlement-engine";
    }

    /**
     * Reads the tool calls it made and their results from the conversation, and asks for the next tool.
     *
     * @return {@code true}
     */
    @Override
    public boolean supportsTools() {
        return true;
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        Map<String, ToolCall> asked = new HashMap<>();
        Map<String, String> results = new HashMap<>();
        long input = 0;
        for (ChatMessage m : request.messages()) {
            input += LetterDrafter.words(m.content());
            m.toolCalls().forEach(c -> asked.put(c.name(), c));
            if (m.role() == ChatMessage.Role.TOOL) {
                results.put(m.toolCallId(), m.content());
            }
        }
        ToolCall lookup = asked.get("lookupPolicy");
        if (lookup == null) {
            Object policyId = variable(request, "policyId");
            return ask(new ToolCall("call_1", "lookupPolicy", object("policyId", policyId.toString())), input);
        }
        JsonNode policy = result(results, lookup);
        ToolCall payment = asked.get("issuePayment");
        if (payment == null) {
            String claimId = variable(request, "claimId").toString();
            if (refused(policy)) {
                return say(
                        "No settlement is proposed for claim " + claimId + ": the policy lookup was refused ("
                                + why(policy) + ").",
                        input);
            }
            BigDecimal claimed = new BigDecimal(variable(request, "claimed").toString());
            BigDecimal limit = policy.path("coverLimit").decimalValue();
            BigDecimal deductible = policy.path("deductible").decimalValue();
            BigDecimal payable = claimed.min(limit).subtract(deductible).max(BigDecimal.ZERO);
            if (payable.signum() == 0) {
                return say(
                        "No payment is proposed for claim " + claimId + ": after the deductible of "
                                + deductible.toPlainString() + " EUR nothing is payable.",
                        input);
            }
            String arguments;
            try {
                arguments = JSON.writeValueAsString(Map.of("claimId", claimId, "amount", payable));
            } catch (JsonProcessingException e) {
                throw ProviderException.permanent(name(), "could not write the payment's arguments", e);
            }
            return ask(new ToolCall("call_2", "issuePayment", arguments), input);
        }
        JsonNode arguments = parse(payment.arguments());
        String claimId = arguments.path("claimId").asText();
        String amount = arguments.path("amount").decimalValue().toPlainString();
        String proposal = "Proposal for claim " + claimId + ": pay " + amount + " EUR under policy "
                + policy.path("policyId").asText() + " (cover limit "
                + policy.path("coverLimit").decimalValue().toPlainString() + " EUR, deductible "
                + policy.path("deductible").decimalValue().toPlainString() + " EUR).";
        JsonNode paid = result(results, payment);
        return say(
                proposal
                        + (refused(paid)
                                ? " The payment was not issued: " + why(paid) + "."
                                : " Payment " + paid.path("paymentId").asText() + " of "
                                        + paid.path("amount").decimalValue().toPlainString() + " EUR was issued."),
                input);
    }

    private Object variable(InferenceRequest request, String name) {
        Object value = request.variables().get(name);
        if (value == null) {
            throw ProviderException.permanent(
                    name(), "the request binds no '" + name + "'; is this the settlement prompt?", null);
        }
        return value;
    }

    private JsonNode result(Map<String, String> results, ToolCall call) {
        String content = results.get(call.id());
        if (content == null) {
            throw ProviderException.permanent(name(), "the conversation has no result of " + call.name(), null);
        }
        return parse(content);
    }

    private JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw ProviderException.permanent(name(), "a tool's result or arguments are not JSON", e);
        }
    }

    // a refusal ({"refused":true,...}) or a failure ({"error":...}) of the tool, as Steward reports them to the model
    private static boolean refused(JsonNode result) {
        return result.path("refused").asBoolean(false) || result.has("error");
    }

    private static String why(JsonNode result) {
        return result.has("error")
                ? result.path("error").asText()
                : result.path("reason").asText("refused");
    }

    private static String object(String key, String value) {
        return JSON.createObjectNode().put(key, value).toString();
    }

    private static InferenceResponse ask(ToolCall call, long input) {
        return InferenceResponse.toolCalls(
                List.of(call),
                "",
                MODEL,
                new TokenUsage(input, 1 + LetterDrafter.words(call.arguments().replace(',', ' '))));
    }

    private static InferenceResponse say(String text, long input) {
        return InferenceResponse.of(text, MODEL, new TokenUsage(input, LetterDrafter.words(text)));
    }
}
