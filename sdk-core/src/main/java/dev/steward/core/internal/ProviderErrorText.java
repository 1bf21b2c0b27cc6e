package dev.steward.core.internal;

import dev.steward.api.ChatMessage;
import dev.steward.api.ProviderException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Makes a provider's error text fit for an audit record's {@code reason} and for the caller: a provider writes what
 * it likes (a gateway may echo the request body, name its internal address, or send control characters), and that
 * text would otherwise reach the audit trail, the caller's exception and whatever the application shows an end user.
 * The pipeline applies it to every provider failure as it happens, so each provider benefits without doing anything.
 *
 * <p>What it does, in this order:
 *
 * <ol>
 *   <li>removes every run of at least {@value #MIN_ECHO} characters that also occurs in the rendered prompt (the
 *       messages sent, which hold the user's input), as written or as JSON escapes it, replacing the run with
 *       {@value #PROMPT_PLACEHOLDER};
 *   <li>replaces URLs (any {@code scheme://...}) with {@value #URL_PLACEHOLDER} and IPv4 addresses (with any port)
 *       with {@value #ADDRESS_PLACEHOLDER};
 *   <li>turns control and invisible format characters (line breaks, bidirectional overrides) into spaces, and
 *       collapses runs of white space;
 *   <li>bounds the result to {@value #MAX_LENGTH} characters, ending with {@code ...} when it was cut.
 * </ol>
 *
 * <p>The original text is not kept: the sanitized exception replaces the provider's, without its cause (other than a
 * {@link TimeoutException}, which says the try timed out), since a cause's message may repeat the same text. Nor is it
 * logged, since the house rule is that no prompt text reaches a log unless configuration asks for it; a provider that
 * wants its raw replies logged does so itself, under its own logger. Internal: no compatibility promise.
 *
 * <p>Thread-safe: stateless.
 */
public final class ProviderErrorText {

    /** The longest text returned, ellipsis included. */
    public static final int MAX_LENGTH = 200;

    /**
     * The shortest run shared with the prompt that is removed. Twelve characters is longer than the words and short
     * phrases an error message and a prompt share by chance ("Bad Request", "max_tokens", "Invalid value") and shorter
     * than any sentence or line of a document: runs this long shared verbatim with the prompt are an echo. A shorter
     * fragment can survive (for instance between two JSON escapes), which is why an echo of a whole prompt leaves at
     * most a few words of it, never a sentence. Removing too much is the safe side: it only costs the error detail.
     */
    public static final int MIN_ECHO = 12;

    /** What a removed run of prompt text is replaced with. */
    public static final String PROMPT_PLACEHOLDER = "[prompt text removed]";

    /** What a URL is replaced with. */
    public static final String URL_PLACEHOLDER = "[url]";

    /** What an IP address is replaced with. */
    public static final String ADDRESS_PLACEHOLDER = "[address]";

    // Only the start of a long text is examined: the result is bounded anyway, and removing the prompt's runs from the
    // first few thousand characters leaves at most that much for the bound to cut.
    private static final int SCAN_LIMIT = 4_000;

    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>`]*");
    private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?::[0-9]{1,5})?");
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    private ProviderErrorText() {}

    /**
     * A copy of a provider failure whose message is sanitized against the prompt that was sent; the provider,
     * whether it is retriable, its retry-after and its stack trace are kept.
     *
     * @param failure the provider's failure
     * @param prompt the messages that were sent
     * @return the copy, whose cause is the original's only when that is a {@link TimeoutException}
     */
    public static ProviderException sanitize(ProviderException failure, List<ChatMessage> prompt) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String prefix = failure.provider() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        Throwable cause = failure.getCause() instanceof TimeoutException t ? t : null;
        ProviderException copy = new ProviderException(
                failure.provider(), failure.isRetriable(), failure.retryAfter(), sanitize(message, prompt), cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /**
     * Sanitizes a text as the class describes.
     *
     * @param text the provider's text, or {@code null}
     * @param prompt the messages that were sent, whose text must not come back
     * @return the sanitized text, at most {@value #MAX_LENGTH} characters; empty for {@code null}
     */
    public static String sanitize(String text, List<ChatMessage> prompt) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = text.length() > SCAN_LIMIT ? text.substring(0, SCAN_LIMIT) : text;
        s = withoutPrompt(s, prompt);
        s = URL.matcher(s).replaceAll(URL_PLACEHOLDER);
        s = IPV4.matcher(s).replaceAll(ADDRESS_PLACEHOLDER);
        s = INVISIBLE.matcher(s).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        if (s.length() > MAX_LENGTH || text.length() > SCAN_LIMIT) {
            s = s.substring(0, Math.min(s.length(), MAX_LENGTH - 3)) + "...";
        }
        return s;
    }

    // Marks every character of the text covered by a window of MIN_ECHO characters that also occurs in a message
    // (raw, or JSON-escaped as a gateway that echoes its request body writes it), then replaces each covered run.
    // The windows of the text are indexed once, and each message is walked once: linear in the text plus the prompt.
    private static String withoutPrompt(String text, List<ChatMessage> prompt) {
        if (text.length() < MIN_ECHO || prompt == null || prompt.isEmpty()) {
            return text;
        }
        Map<String, List<Integer>> windows = new HashMap<>();
        for (int i = 0; i + MIN_ECHO <= text.length(); i++) {
            windows.computeIfAbsent(text.substring(i, i + MIN_ECHO), k -> new ArrayList<>(1))
                    .add(i);
        }
        boolean[] covered = new boolean[text.length()];
        boolean any = false;
        for (ChatMessage message : prompt) {
            String content = message.content();
            if (content == null || content.length() < MIN_ECHO || windows.isEmpty()) {
                continue;
            }
            any |= mark(content, windows, covered);
            String escaped = jsonEscaped(content);
            if (!escaped.equals(content)) {
                any |= mark(escaped, windows, covered);
            }
        }
        if (!any) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (covered[i]) {
                out.append(PROMPT_PLACEHOLDER);
                while (i < text.length() && covered[i]) {
                    i++;
                }
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean mark(String source, Map<String, List<Integer>> windows, boolean[] covered) {
        boolean any = false;
        for (int j = 0; j + MIN_ECHO <= source.length(); j++) {
            // removed once marked, so each position of the text is marked at most once, whatever repeats
            List<Integer> at = windows.remove(source.substring(j, j + MIN_ECHO));
            if (at != null) {
                for (int start : at) {
                    java.util.Arrays.fill(covered, start, start + MIN_ECHO, true);
                }
                any = true;
            }
        }
        return any;
    }

    private static String jsonEscaped(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
