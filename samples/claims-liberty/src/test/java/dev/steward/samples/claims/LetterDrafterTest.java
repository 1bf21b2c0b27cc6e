package dev.steward.samples.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CallerContext;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.PromptTemplate;
import dev.steward.core.budget.InputTokenBound;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The offline letter engine keeps to its output cap and reports the tokens it counted. */
class LetterDrafterTest {

    private final LetterDrafter drafter = new LetterDrafter();

    @Test
    void aShortDecisionGivesTheWholeLetterAndItsWordsAsUsage() throws IOException {
        InferenceRequest request = request("We will pay 4,200 EUR.", 120);
        InferenceResponse response = drafter.infer(request);

        assertThat(response.text())
                .startsWith(
                        "Dear Maria Keller,\n\nThank you for your patience with claim C-1001. We will pay 4,200 EUR.")
                .endsWith("Yours sincerely,\nClaims Department");
        assertThat(response.usage().outputTokens()).isEqualTo(response.text().split("\\s+").length);
        assertThat(response.usage().inputTokens())
                .isEqualTo(request.messages().get(0).content().trim().split("\\s+").length);
    }

    @Test
    void theLetterIsCutAfterTheRequestsMaximumOfOutputTokens() throws IOException {
        // the report that started this: 939 characters of one-letter words, max-output-tokens 120
        String decision = oneLetterWords(939);
        InferenceRequest request = request(decision, 120);

        InferenceResponse response = drafter.infer(request);

        assertThat(response.usage().outputTokens()).isEqualTo(120);
        assertThat(response.text().split("\\s+")).hasSize(120);
        assertThat(response.text()).startsWith("Dear Maria Keller,").doesNotEndWith(" ");
        assertThat(LetterDrafter.firstWords("one two  three", 2)).isEqualTo("one two");
        assertThat(LetterDrafter.firstWords("one two", 5)).isEqualTo("one two");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a b c d e f g h i j k l m n o p q r s t u v w x y z",
                "我们将全额赔付您的索赔请求谢谢您的耐心等待",
                "😀😃😄 😁😆 🙂🙃 😉😊😇 🥰😍🤩",
                "12345678901234567890123456789012345678901234567890 1 2 3 4 5 6 7 8 9 0",
                "x"
            })
    void reportsNoMoreInputTokensThanTheBoundBudgetsReserve(String decision) throws IOException {
        InferenceRequest request = request(decision, 120);

        InferenceResponse response = drafter.infer(request);

        assertThat(response.usage().inputTokens())
                .isEqualTo(LetterDrafter.words(request.messages().get(0).content()))
                .isPositive()
                .isLessThanOrEqualTo(InputTokenBound.of(request.messages()));
        assertThat(response.usage().outputTokens()).isLessThanOrEqualTo(request.maxOutputTokens());
    }

    @Test
    void countsWordsOfEveryMessage() {
        assertThat(LetterDrafter.words("")).isZero();
        assertThat(LetterDrafter.words(" \n\t ")).isZero();
        assertThat(LetterDrafter.words("a  b\nc\u2003d")).isEqualTo(4);
        assertThat(LetterDrafter.words("😀😃 x")).isEqualTo(2);
        InferenceRequest twoMessages = new InferenceRequest(
                "claims.draft-letter",
                new PromptTemplate("claims.draft-letter", "1", "x", "h"),
                List.of(
                        new ChatMessage(ChatMessage.Role.SYSTEM, "be brief"),
                        new ChatMessage(ChatMessage.Role.USER, "a b c")),
                Map.of("decision", "d"),
                5,
                new CallerContext("adjuster1", Set.of("adjuster"), null, "c-1"));
        InferenceResponse response = drafter.infer(twoMessages);
        assertThat(response.usage().inputTokens()).isEqualTo(5);
        assertThat(response.usage().outputTokens()).isEqualTo(5);
        assertThat(response.text()).isEqualTo("Dear customer,\n\nThank you for");
    }

    static String oneLetterWords(int chars) {
        StringBuilder b = new StringBuilder();
        while (b.length() + 2 <= chars) {
            b.append(b.length() == 0 ? "" : " ").append((char) ('a' + (b.length() / 2) % 26));
        }
        return b.toString();
    }

    private static InferenceRequest request(String decision, int maxOutputTokens) throws IOException {
        String template;
        try (InputStream in =
                LetterDrafterTest.class.getResourceAsStream("/META-INF/steward/prompts/claims.draft-letter/v1.txt")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> variables =
                Map.of("policyHolder", "Maria Keller", "claimId", "C-1001", "decision", decision);
        String rendered = template.replace("{{policyHolder}}", "Maria Keller")
                .replace("{{claimId}}", "C-1001")
                .replace("{{decision}}", decision);
        return new InferenceRequest(
                "claims.draft-letter",
                new PromptTemplate("claims.draft-letter", "1", template, "hash"),
                List.of(new ChatMessage(ChatMessage.Role.USER, rendered)),
                variables,
                maxOutputTokens,
                new CallerContext("adjuster1", Set.of("adjuster"), null, "c-1"));
    }
}
