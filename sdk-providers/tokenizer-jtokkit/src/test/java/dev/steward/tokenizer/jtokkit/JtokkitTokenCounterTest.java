package dev.steward.tokenizer.jtokkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.steward.api.ChatMessage;
import dev.steward.api.ChatMessage.Role;
import dev.steward.api.spi.TokenCounter;
import dev.steward.core.budget.InputTokenBound;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JtokkitTokenCounterTest {

    private static final EncodingRegistry REGISTRY = Encodings.newDefaultEncodingRegistry();
    private static final Encoding O200K = REGISTRY.getEncoding(EncodingType.O200K_BASE);
    private static final Encoding CL100K = REGISTRY.getEncoding(EncodingType.CL100K_BASE);

    private final JtokkitTokenCounter counter = new JtokkitTokenCounter();

    @Test
    void encodingsTokeniseAsOpenAiPublishes() {
        // the token ids OpenAI's cookbook ("How to count tokens with tiktoken") prints for this sentence
        assertThat(CL100K.encodeOrdinary("tiktoken is great!").boxed()).containsExactly(83, 1609, 5963, 374, 2294, 0);
        assertThat(O200K.encodeOrdinary("tiktoken is great!").boxed()).containsExactly(83, 8251, 2488, 382, 2212, 0);
    }

    @Test
    void countsOneUserMessageAsFramingPlusRolePlusContentPlusReplyPriming() {
        // 4 framing + 1 for "user" + 6 for the content + 3 reply priming
        assertThat(counter.count("gpt-4o-mini", List.of(new ChatMessage(Role.USER, "tiktoken is great!"))))
                .hasValue(14);
        assertThat(counter.count("gpt-4", List.of(new ChatMessage(Role.USER, "tiktoken is great!"))))
                .hasValue(14);
    }

    @Test
    void countsAConversationWithTheModelsOwnEncoding() {
        List<ChatMessage> conversation = List.of(
                new ChatMessage(Role.SYSTEM, "Summarize the claim."),
                new ChatMessage(Role.USER, "请总结这份保险索赔。"),
                new ChatMessage(Role.ASSISTANT, "hello world"));
        // o200k_base: contents are 6, 8 and 2 tokens; every role is 1 token
        assertThat(O200K.countTokensOrdinary("请总结这份保险索赔。")).isEqualTo(8);
        assertThat(counter.count("gpt-4o", conversation)).hasValue(3 + (4 + 1 + 6) + (4 + 1 + 8) + (4 + 1 + 2));
        // cl100k_base splits the Chinese sentence into 12 tokens
        assertThat(CL100K.countTokensOrdinary("请总结这份保险索赔。")).isEqualTo(12);
        assertThat(counter.count("gpt-4-turbo", conversation)).hasValue(3 + (4 + 1 + 6) + (4 + 1 + 12) + (4 + 1 + 2));
    }

    @Test
    void readmeFiguresHold() {
        List<ChatMessage> english = List.of(new ChatMessage(Role.USER, "Summarize the claim."));
        List<ChatMessage> chinese = List.of(new ChatMessage(Role.USER, "请总结这份保险索赔。"));
        assertThat(counter.count("gpt-4o-mini", english)).hasValue(14);
        assertThat(InputTokenBound.of(english)).isEqualTo(52);
        assertThat(counter.count("gpt-4o-mini", chinese)).hasValue(16);
        assertThat(InputTokenBound.of(chinese)).isEqualTo(62);
    }

    @Test
    void anEmptyConversationIsChargedTheReplyPriming() {
        assertThat(counter.count("gpt-4o", List.of())).hasValue(JtokkitTokenCounter.REPLY_PRIMING_TOKENS);
    }

    @ParameterizedTest
    @CsvSource({
        "gpt-4o, o200k_base",
        "gpt-4o-mini, o200k_base",
        "gpt-4o-2024-08-06, o200k_base",
        "chatgpt-4o-latest, o200k_base",
        "gpt-4.1, o200k_base",
        "gpt-4.1-nano, o200k_base",
        "gpt-4.5-preview, o200k_base",
        "gpt-5, o200k_base",
        "gpt-5-mini, o200k_base",
        "gpt-5.1, o200k_base",
        "o1, o200k_base",
        "o1-mini, o200k_base",
        "o3-mini, o200k_base",
        "o4-mini, o200k_base",
        "openai/gpt-4o-mini, o200k_base",
        "ft:gpt-4o-mini-2024-07-18:acme::9abc, o200k_base",
        "openai/ft:gpt-4o-2024-08-06:acme:claims:1x2y, o200k_base",
        "gpt-4, cl100k_base",
        "gpt-4-turbo, cl100k_base",
        "gpt-4-32k-0613, cl100k_base",
        "gpt-3.5-turbo, cl100k_base",
        "gpt-3.5-turbo-instruct, cl100k_base",
        "gpt-35-turbo-16k, cl100k_base",
        "text-embedding-3-small, cl100k_base",
        "ft:gpt-3.5-turbo-0125:acme::xyz, cl100k_base"
    })
    void mapsModelNamesToTheirEncoding(String model, String encoding) {
        assertThat(JtokkitTokenCounter.encodingFor(model)).hasValue(encoding);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "llama3.2",
                "claude-3-5-sonnet",
                "mistral-large",
                "my-claims-deployment", // an Azure deployment name says nothing about its model
                "azure/gpt-4o", // LiteLLM's azure/ prefix is followed by a deployment name
                "gpt-4.6", // a gpt-4.x this class does not know may use another encoding
                "gpt-40",
                "gpt-oss-20b", // o200k_harmony, not o200k_base
                "o2",
                "o10",
                "o1x",
                "GPT-4o",
                "text-embedding-ada-002",
                "openai/"
            })
    void doesNotCountForModelsWhoseEncodingItDoesNotKnow(String model) {
        assertThat(JtokkitTokenCounter.encodingFor(model)).isEmpty();
        assertThat(counter.count(model, List.of(new ChatMessage(Role.USER, "hello"))))
                .isEmpty();
    }

    @Test
    void countsSpecialTokenTextAsOrdinaryTextInsteadOfFailing() {
        OptionalLong n = counter.count("gpt-4o", List.of(new ChatMessage(Role.USER, "<|endoftext|>")));
        assertThat(n).hasValue(3 + 4 + 1 + O200K.countTokensOrdinary("<|endoftext|>"));
        assertThat(O200K.countTokensOrdinary("<|endoftext|>")).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "gpt-4"})
    void countsUnpairedSurrogatesAsReplacementCharacters(String model) {
        Encoding encoding = model.equals("gpt-4") ? CL100K : O200K;
        String text = "\ud800\udc00 then \ud800 and \udfff";
        assertThat(JtokkitTokenCounter.wellFormed(text)).isEqualTo("\ud800\udc00 then \ufffd and \ufffd");
        assertThat(counter.count(model, List.of(new ChatMessage(Role.USER, text))))
                .hasValue(3 + 4 + 1 + encoding.countTokensOrdinary("\ud800\udc00 then \ufffd and \ufffd"));
        String clean = "no surrogate here";
        assertThat(JtokkitTokenCounter.wellFormed(clean)).isSameAs(clean);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "gpt-4"})
    void neverExceedsTheByteBoundAndNeverFallsBelowTheRawEncoding(String model) {
        Encoding encoding = model.equals("gpt-4") ? CL100K : O200K;
        List<String> texts = new ArrayList<>(List.of(
                "",
                " ",
                "请总结这份保险索赔。被保险人于二零二四年三月在高速公路上发生追尾事故。".repeat(40),
                "東京都千代田区丸の内一丁目。ｶﾀｶﾅ。한국어 텍스트입니다.",
                "👍🏽🎉👨‍👩‍👧‍👦🏳️‍🌈🇺🇦".repeat(50),
                "a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(100),
                "I a I a I a I".repeat(200),
                "12345678901234567890".repeat(100),
                "3.14159265358979323846264338327950288419716939937510",
                "\t\n\r \u00a0\u2003".repeat(300),
                "\ud800\udc00\ud800 lone \udfff surrogates",
                "ÄÖÜäöüß Ωμέγα Привет مرحبا שלום नमस्ते",
                "<|endoftext|><|im_start|>system<|im_end|>".repeat(20)));
        Random random = new Random(20_240_601L);
        for (int i = 0; i < 200; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(400);
            for (int j = 0; j < length; j++) {
                int cp = random.nextInt(0x2FFFF);
                if (Character.isDefined(cp) && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                    s.appendCodePoint(cp);
                }
            }
            texts.add(s.toString());
        }
        for (String text : texts) {
            for (Role role : Role.values()) {
                ChatMessage last =
                        role == Role.TOOL ? ChatMessage.toolResult("call-1", text) : new ChatMessage(role, text);
                List<ChatMessage> messages = List.of(new ChatMessage(Role.SYSTEM, "Be brief."), last);
                long count = counter.count(model, messages).orElseThrow();
                long raw = encoding.countTokensOrdinary("Be brief.")
                        + encoding.countTokensOrdinary(JtokkitTokenCounter.wellFormed(text));
                assertThat(count)
                        .as("%s, %s: %s", model, role, text)
                        .isLessThanOrEqualTo(InputTokenBound.of(messages))
                        .isGreaterThanOrEqualTo(raw + 2L * (3 + 1) + 3);
            }
        }
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(TokenCounter.class).stream().map(ServiceLoader.Provider::type))
                .contains(JtokkitTokenCounter.class);
    }

    @Test
    void concurrentFirstUsesAllCountTheSame() throws Exception {
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<ChatMessage> messages = List.of(new ChatMessage(Role.USER, "tiktoken is great!"));
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String model = i % 2 == 0 ? "gpt-4o" : "gpt-3.5-turbo";
                results.add(pool.submit(() -> {
                    start.await();
                    return new JtokkitTokenCounter().count(model, messages).orElseThrow();
                }));
            }
            start.countDown();
            for (Future<Long> f : results) {
                assertThat(f.get(1, TimeUnit.MINUTES)).isEqualTo(14L);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
