package dev.steward.tokenizer.jtokkit;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.steward.api.ChatMessage;
import dev.steward.api.spi.TokenCounter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Counts the input tokens of OpenAI-family chat models with the model's own byte-pair encoding, so that budget
 * reservations are exact instead of the UTF-8 byte bound.
 *
 * <p>Models are mapped to encodings by name, as OpenAI's tiktoken maps them:
 *
 * <ul>
 *   <li>{@code o200k_base}: {@code gpt-4o}, {@code chatgpt-4o}, {@code gpt-4.1}, {@code gpt-4.5}, {@code gpt-5}
 *       (also {@code gpt-5.x}), {@code o1}, {@code o3}, {@code o4} and their dated or sized variants ({@code -mini},
 *       {@code -2024-08-06}, ...);
 *   <li>{@code cl100k_base}: {@code gpt-4} and {@code gpt-4-*} ({@code gpt-4-turbo}, {@code gpt-4-32k}, ...),
 *       {@code gpt-3.5-*}, Azure's {@code gpt-35-turbo*} and {@code text-embedding-3-*}.
 * </ul>
 *
 * A leading {@code openai/} (the provider prefix of OpenAI-compatible gateways) and a fine-tuned model's {@code ft:}
 * are removed first. Any other name, including an Azure deployment name (chosen freely by whoever deployed it) and a
 * version this class does not know such as {@code gpt-4.6}, gives an empty count, and Steward falls back to its safe
 * bound.
 *
 * <p>The count follows the chat format as OpenAI documents it (every message is framed as
 * {@code <|start|>role<|message|>content<|end|>}, and the reply is primed with three tokens), rounded up: each message
 * is charged {@value #TOKENS_PER_MESSAGE} framing tokens, the most any documented model uses, plus its role and its
 * content, and the request {@value #REPLY_PRIMING_TOKENS} more. Content is encoded as ordinary text, so that a
 * message containing {@code <|endoftext|>} is counted as the provider counts it, not as one special token, and an
 * unpaired surrogate is counted as U+FFFD, as tiktoken counts it.
 *
 * <p>Thread-safe and stateless: each encoding is loaded once per class loader, on first use, and shared.
 */
public final class JtokkitTokenCounter implements TokenCounter {

    /** Framing tokens charged per message: 3 for current models, 4 for {@code gpt-3.5-turbo-0301}; the larger. */
    public static final int TOKENS_PER_MESSAGE = 4;

    /** Tokens charged per request for the reply's priming ({@code <|start|>assistant<|message|>}). */
    public static final int REPLY_PRIMING_TOKENS = 3;

    private static final String PROVIDER_PREFIX = "openai/";
    private static final String FINE_TUNED_PREFIX = "ft:";

    /** Model families in the order they are tried: the more specific {@code gpt-4o} before {@code gpt-4}. */
    private static final List<Family> FAMILIES = List.of(
            new Family("gpt-4o", EncodingType.O200K_BASE, "-"),
            new Family("chatgpt-4o", EncodingType.O200K_BASE, "-"),
            new Family("gpt-4.1", EncodingType.O200K_BASE, "-"),
            new Family("gpt-4.5", EncodingType.O200K_BASE, "-"),
            new Family("gpt-5", EncodingType.O200K_BASE, "-."),
            new Family("o1", EncodingType.O200K_BASE, "-"),
            new Family("o3", EncodingType.O200K_BASE, "-"),
            new Family("o4", EncodingType.O200K_BASE, "-"),
            // gpt-4 takes only '-': an unknown gpt-4.x may use another encoding and must not be counted as cl100k
            new Family("gpt-4", EncodingType.CL100K_BASE, "-"),
            new Family("gpt-3.5", EncodingType.CL100K_BASE, "-"),
            new Family("gpt-35-turbo", EncodingType.CL100K_BASE, "-"),
            new Family("text-embedding-3", EncodingType.CL100K_BASE, "-"));

    /** Creates a counter; instances are interchangeable and share the loaded encodings. */
    public JtokkitTokenCounter() {}

    /**
     * Counts the input tokens a request's messages will be charged by an OpenAI-family model.
     *
     * @param model the model the provider is configured with
     * @param messages the messages to send
     * @return the count by OpenAI's documented chat-format formula, rounded up as this class describes; empty when
     *     the model is not one of those listed on this class
     * @throws NullPointerException if {@code model}, {@code messages} or a message is {@code null}
     */
    @Override
    public OptionalLong count(String model, List<ChatMessage> messages) {
        Optional<EncodingType> type = typeFor(model);
        if (type.isEmpty()) {
            return OptionalLong.empty();
        }
        Encoding encoding = Loaded.encoding(type.get());
        long total = REPLY_PRIMING_TOKENS;
        for (ChatMessage m : messages) {
            total += TOKENS_PER_MESSAGE
                    + roleTokens(encoding, m.role())
                    + encoding.countTokensOrdinary(wellFormed(m.content()));
        }
        return OptionalLong.of(total);
    }

    /**
     * The encoding a model uses, by the rules stated on this class.
     *
     * @param model a model name, possibly with an {@code openai/} or {@code ft:} prefix
     * @return the encoding's name as tiktoken spells it ({@code o200k_base} or {@code cl100k_base}), or empty when the
     *     model is not known
     * @throws NullPointerException if {@code model} is {@code null}
     */
    public static Optional<String> encodingFor(String model) {
        return typeFor(model).map(EncodingType::getName);
    }

    private static Optional<EncodingType> typeFor(String model) {
        String name = model;
        if (name.startsWith(PROVIDER_PREFIX)) {
            name = name.substring(PROVIDER_PREFIX.length());
        }
        if (name.startsWith(FINE_TUNED_PREFIX)) {
            name = name.substring(FINE_TUNED_PREFIX.length());
        }
        for (Family f : FAMILIES) {
            if (f.matches(name)) {
                return Optional.of(f.encoding());
            }
        }
        return Optional.empty();
    }

    /**
     * The text with each unpaired surrogate replaced by U+FFFD, as tiktoken replaces them before encoding; JTokkit
     * would otherwise reject or mis-encode such a string. Returns the same instance when there is none.
     */
    static String wellFormed(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && !Character.isSurrogate(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder b = new StringBuilder(n).append(text, 0, i);
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                b.append(c).append(text.charAt(i + 1));
                i += 2;
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
                i++;
            }
        }
        return b.toString();
    }

    private static int roleTokens(Encoding encoding, ChatMessage.Role role) {
        return switch (role) {
            // newer models receive system instructions as the "developer" role; charge whichever is longer
            case SYSTEM -> Math.max(encoding.countTokensOrdinary("system"), encoding.countTokensOrdinary("developer"));
            case USER -> encoding.countTokensOrdinary("user");
            case ASSISTANT -> encoding.countTokensOrdinary("assistant");
            case TOOL -> encoding.countTokensOrdinary("tool");
        };
    }

    /**
     * A model family: its base name, matched alone or followed by one of {@code separators} and anything after.
     *
     * @param base the base name
     * @param encoding its encoding
     * @param separators the characters that may follow the base name
     */
    private record Family(String base, EncodingType encoding, String separators) {
        boolean matches(String name) {
            return name.equals(base)
                    || (name.length() > base.length()
                            && name.startsWith(base)
                            && separators.indexOf(name.charAt(base.length())) >= 0);
        }
    }

    /**
     * The encodings, each loaded once on first use: the JVM initialises each holder class exactly once, under its
     * own lock, so concurrent first calls neither load an encoding twice nor see a half-built one. Encodings are
     * immutable and thread-safe.
     */
    private static final class Loaded {
        private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

        static Encoding encoding(EncodingType type) {
            return switch (type) {
                case O200K_BASE -> O200k.ENCODING;
                case CL100K_BASE -> Cl100k.ENCODING;
                default -> throw new IllegalStateException("no model family uses " + type);
            };
        }

        private static final class O200k {
            static final Encoding ENCODING = REGISTRY.getEncoding(EncodingType.O200K_BASE);
        }

        private static final class Cl100k {
            static final Encoding ENCODING = REGISTRY.getEncoding(EncodingType.CL100K_BASE);
        }
    }
}
