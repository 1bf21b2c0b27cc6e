package dev.steward.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.ChatMessage;
import dev.steward.api.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ProviderErrorTextTest {

    private static final String INPUT = "Claimant Jane Roe, policy 4471-22, reports water damage in the kitchen.";
    private static final List<ChatMessage> PROMPT = List.of(
            new ChatMessage(ChatMessage.Role.SYSTEM, "You write letters for an insurer.\nBe brief and \"polite\"."),
            new ChatMessage(ChatMessage.Role.USER, "Summarize this claim:\n" + INPUT));

    private static String sanitize(String text) {
        return ProviderErrorText.sanitize(text, PROMPT);
    }

    @Test
    void leavesAShortPlainErrorAsItIs() {
        assertThat(sanitize("HTTP 400: max_tokens must be at most 4096"))
                .isEqualTo("HTTP 400: max_tokens must be at most 4096");
    }

    @Test
    void removesTheUsersInputWhenTheProviderEchoesIt() {
        String s = sanitize("invalid request: '" + INPUT + "' is not allowed");

        assertThat(s).doesNotContain("Jane Roe").doesNotContain("water damage").doesNotContain("4471-22");
        assertThat(s)
                .startsWith("invalid request: '")
                .contains(ProviderErrorText.PROMPT_PLACEHOLDER)
                .endsWith("' is not allowed");
    }

    @Test
    void removesThePromptEchoedAsTheJsonOfTheRequestBody() {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"You write letters for an"
                + " insurer.\\nBe brief and \\\"polite\\\".\"},{\"role\":\"user\",\"content\":\"Summarize this"
                + " claim:\\n" + INPUT + "\"}]}";

        String s = sanitize("could not parse " + body);

        assertThat(s)
                .doesNotContain("letters for an insurer")
                .doesNotContain("brief and")
                .doesNotContain("Summarize this claim")
                .doesNotContain("Jane Roe");
        assertThat(s).startsWith("could not parse {\"model\":\"m\"");
    }

    @Test
    void keepsWordsTheErrorSharesWithThePromptByChance() {
        // "the kitchen" is 11 characters: shared vocabulary, not an echo
        assertThat(sanitize("the kitchen model is not available")).isEqualTo("the kitchen model is not available");
    }

    @Test
    void replacesUrlsOfAnySchemeAndAddresses() {
        String s = sanitize("HTTP 502 from http://127.0.0.1:4000/v1/chat/completions via"
                + " https://gw.internal.example.com:8443/route?x=1, cache redis://cache:6379/0, peer 10.1.2.3:9000");

        assertThat(s)
                .isEqualTo("HTTP 502 from [url] via [url] cache [url] peer [address]")
                .doesNotContain("127.0.0.1")
                .doesNotContain("internal.example.com");
    }

    @Test
    void turnsControlAndBidirectionalCharactersIntoSpaces() {
        String s = sanitize("line one\r\nline\ttwo\u0000\u001b[31m red \u202eesrever\u2028end");

        assertThat(s).isEqualTo("line one line two [31m red esrever end");
        assertThat(s.chars()).noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    @Test
    void boundsTheLengthWithAnEllipsis() {
        String s = sanitize("error ".repeat(1_000));

        assertThat(s).hasSize(ProviderErrorText.MAX_LENGTH).endsWith("...").startsWith("error error");
    }

    @Test
    void aLongTextIsCutEvenWhenWhatRemainsAfterScanningIsShort() {
        String s = sanitize("x".repeat(10) + " ".repeat(20_000) + "http://secret.internal/");

        assertThat(s).isEqualTo("xxxxxxxxxx...");
    }

    @Test
    void nullAndEmptyBecomeEmpty() {
        assertThat(ProviderErrorText.sanitize((String) null, PROMPT)).isEmpty();
        assertThat(ProviderErrorText.sanitize("", List.of())).isEmpty();
    }

    @Test
    void aRepeatedTextAgainstARepeatedPromptStaysLinear() {
        List<ChatMessage> prompt = List.of(new ChatMessage(ChatMessage.Role.USER, "a".repeat(200_000)));
        long start = System.nanoTime();

        String s = ProviderErrorText.sanitize("a".repeat(100_000), prompt);

        assertThat(s).isEqualTo(ProviderErrorText.PROMPT_PLACEHOLDER + "...");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aSanitizedFailureKeepsWhatTheRouteNeedsAndDropsTheRest() {
        ProviderException original = new ProviderException(
                "gw",
                true,
                Duration.ofSeconds(7),
                "HTTP 429 from http://127.0.0.1:4000/v1: " + INPUT,
                new IllegalStateException("body: " + INPUT));

        ProviderException copy = ProviderErrorText.sanitize(original, PROMPT);

        assertThat(copy.provider()).isEqualTo("gw");
        assertThat(copy.isRetriable()).isTrue();
        assertThat(copy.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(copy.getMessage()).isEqualTo("gw: HTTP 429 from [url] " + ProviderErrorText.PROMPT_PLACEHOLDER);
        assertThat(copy.getCause()).isNull();
        assertThat(copy.getStackTrace()).isEqualTo(original.getStackTrace());
    }

    @Test
    void aTimedOutFailureKeepsItsTimeoutCause() {
        TimeoutException timeout = new TimeoutException();
        ProviderException copy =
                ProviderErrorText.sanitize(ProviderException.retriable("gw", "no answer within PT1S", timeout), PROMPT);

        assertThat(copy.getCause()).isSameAs(timeout);
        assertThat(copy).hasMessage("gw: no answer within PT1S");
    }
}
