package dev.steward.samples.claims;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sample's offline letter engine: it writes the department's standard letter from the capability's variables,
 * so the approval and budget flow works with no gateway and no model. Steward picks it up as a provider because it
 * is a CDI bean implementing {@link InferenceProvider}; the {@code letters} route puts it after the gateway.
 *
 * <p>Its tokens are words (runs of characters other than whitespace), and it keeps to what it is allowed and
 * reports what it counted, as an honest model does: the letter is cut after the request's
 * {@link InferenceRequest#maxOutputTokens()} words, and the usage is the words of every message it was sent and the
 * words of the letter it returns. A word has at least one UTF-8 byte, so the input it reports never exceeds the
 * bound that budgets reserve for a provider that does not name its model.
 */
@ApplicationScoped
public class LetterDrafter implements InferenceProvider {

    @Override
    public String name() {
        return "letter-drafter";
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        Object holder = request.variables().getOrDefault("policyHolder", "customer");
        Object claimId = request.variables().getOrDefault("claimId", "");
        Object decision = request.variables().getOrDefault("decision", "");
        String letter = "Dear " + holder + ",\n\nThank you for your patience with claim " + claimId + ". " + decision
                + "\n\nIf you have questions, reply to this letter quoting the claim number.\n\nYours sincerely,\n"
                + "Claims Department";
        String answer = firstWords(letter, request.maxOutputTokens());
        long input = 0;
        for (ChatMessage message : request.messages()) {
            input += words(message.content());
        }
        return InferenceResponse.of(answer, "letter-template-1", new TokenUsage(input, words(answer)));
    }

    /**
     * Counts the tokens of a text as this engine does: its words.
     *
     * @param text the text
     * @return the number of runs of characters other than whitespace
     */
    static long words(String text) {
        long n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean space = Character.isWhitespace(c);
            if (!space && !inWord) {
                n++;
            }
            inWord = !space;
            i += Character.charCount(c);
        }
        return n;
    }

    /**
     * Cuts a text after its first words, keeping the whitespace between them.
     *
     * @param text the text
     * @param max how many words to keep, positive
     * @return the text up to the end of its {@code max}-th word, or the whole text when it has no more words
     */
    static String firstWords(String text, int max) {
        long n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean space = Character.isWhitespace(c);
            if (!space && !inWord) {
                if (n == max) {
                    return text.substring(0, i).stripTrailing();
                }
                n++;
            }
            inWord = !space;
            i += Character.charCount(c);
        }
        return text;
    }
}
