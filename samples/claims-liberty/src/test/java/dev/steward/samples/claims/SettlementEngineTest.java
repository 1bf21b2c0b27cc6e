package dev.steward.samples.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.CallerContext;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.PromptTemplate;
import dev.steward.api.ProviderException;
import dev.steward.api.ToolCall;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The offline settlement engine asks for the policy, then for the payment, and writes the proposal from the results. */
class SettlementEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SettlementEngine engine = new SettlementEngine();
    private final ClaimTools tools = new ClaimTools();

    @Test
    void asksForThePolicyThenPaysTheClaimUpToTheLimitLessTheDeductible() throws Exception {
        List<ChatMessage> conversation = new ArrayList<>(List.of(new ChatMessage(ChatMessage.Role.USER, "Settle it")));
        Map<String, Object> variables = Map.of("claimId", "C-1001", "policyId", "P-2001", "claimed", 4200L);

        InferenceResponse first = engine.infer(request(conversation, variables));
        ToolCall lookup = first.toolCalls().get(0);
        assertThat(lookup.name()).isEqualTo("lookupPolicy");
        assertThat(JSON.readTree(lookup.arguments()).path("policyId").asText()).isEqualTo("P-2001");
        conversation.add(ChatMessage.toolCalls("", List.of(lookup)));
        conversation.add(ChatMessage.toolResult(lookup.id(), JSON.writeValueAsString(tools.lookupPolicy("P-2001"))));

        ToolCall pay =
                engine.infer(request(conversation, variables)).toolCalls().get(0);
        assertThat(pay.name()).isEqualTo("issuePayment");
        JsonNode arguments = JSON.readTree(pay.arguments());
        assertThat(arguments.path("claimId").asText()).isEqualTo("C-1001");
        // 4200 claimed, within the limit of 5000, less the deductible of 250
        assertThat(arguments.path("amount").decimalValue()).isEqualByComparingTo("3950");
        conversation.add(ChatMessage.toolCalls("", List.of(pay)));
        conversation.add(ChatMessage.toolResult(
                pay.id(), JSON.writeValueAsString(tools.issuePayment("C-1001", new BigDecimal("3950")))));

        // as after an approval: the resumed conversation carries no variables
        InferenceResponse last = engine.infer(request(conversation, Map.of()));
        assertThat(last.toolCalls()).isEmpty();
        assertThat(last.text())
                .isEqualTo("Proposal for claim C-1001: pay 3950 EUR under policy P-2001 (cover limit 5000 EUR,"
                        + " deductible 250 EUR). Payment PAY-0001 of 3950 EUR was issued.");
        assertThat(last.model()).isEqualTo(SettlementEngine.MODEL);
        assertThat(last.usage().outputTokens()).isEqualTo(last.text().split("\\s+").length);
    }

    @Test
    void aRefusedLookupEndsTheConversationSayingSo() {
        List<ChatMessage> conversation = List.of(
                new ChatMessage(ChatMessage.Role.USER, "Settle it"),
                ChatMessage.toolCalls("", List.of(new ToolCall("call_1", "lookupPolicy", "{\"policyId\":\"P-2001\"}"))),
                ChatMessage.toolResult("call_1", "{\"refused\":true,\"reason\":\"the caller may not run this tool\"}"));

        InferenceResponse answer = engine.infer(
                request(conversation, Map.of("claimId", "C-1001", "policyId", "P-2001", "claimed", 4200L)));

        assertThat(answer.text())
                .isEqualTo("No settlement is proposed for claim C-1001: the policy lookup was refused (the caller may"
                        + " not run this tool).");
    }

    @Test
    void proposesNoPaymentWhenTheDeductibleTakesItAll() throws Exception {
        List<ChatMessage> conversation = List.of(
                new ChatMessage(ChatMessage.Role.USER, "Settle it"),
                ChatMessage.toolCalls("", List.of(new ToolCall("call_1", "lookupPolicy", "{\"policyId\":\"P-2001\"}"))),
                ChatMessage.toolResult("call_1", JSON.writeValueAsString(tools.lookupPolicy("P-2001"))));

        InferenceResponse answer =
                engine.infer(request(conversation, Map.of("claimId", "C-1001", "policyId", "P-2001", "claimed", 200L)));

        assertThat(answer.toolCalls()).isEmpty();
        assertThat(answer.text())
                .isEqualTo("No payment is proposed for claim C-1001: after the deductible of 250 EUR nothing is"
                        + " payable.");
    }

    @Test
    void aRequestThatIsNotTheSettlementPromptFailsPermanently() {
        assertThatThrownBy(() ->
                        engine.infer(request(List.of(new ChatMessage(ChatMessage.Role.USER, "Hello")), Map.of())))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("binds no 'policyId'")
                .satisfies(
                        e -> assertThat(((ProviderException) e).isRetriable()).isFalse());
        assertThat(engine.supportsTools()).isTrue();
    }

    private static InferenceRequest request(List<ChatMessage> messages, Map<String, Object> variables) {
        return new InferenceRequest(
                "claims.propose-settlement",
                new PromptTemplate("claims.propose-settlement", "v1", "Settle it", "0".repeat(64)),
                messages,
                variables,
                200,
                new CallerContext("adjuster1", Set.of("adjuster"), "acme", "corr-1"));
    }
}
