package dev.steward.core.budget;

import dev.steward.api.ChatMessage;
import java.util.List;

/**
 * A count of input tokens that no tokenizer in use exceeds: every token of a byte-level BPE or SentencePiece
 * tokenizer covers at least one UTF-8 byte, so the byte count bounds the content, and an allowance per message and
 * per request covers the chat format's own tokens. Used when no {@link dev.steward.api.spi.TokenCounter} knows the
 * model's encoding.
 */
public final class InputTokenBound {

    /** Tokens allowed per message for the chat format's role and separator tokens. */
    public static final int PER_MESSAGE = 16;

    /** Tokens allowed per request for the reply's priming tokens. */
    public static final int PER_REQUEST = 16;

    private InputTokenBound() {}

    /**
     * Bounds the input tokens of messages.
     *
     * @param messages the messages
     * @return the bound
     */
    public static long of(List<ChatMessage> messages) {
        long total = PER_REQUEST;
        for (ChatMessage m : messages) {
            total += utf8Length(m.content()) + PER_MESSAGE;
        }
        return total;
    }

    /**
     * The length of a string in UTF-8, without encoding it.
     *
     * @param s the string
     * @return its UTF-8 byte count
     */
    public static long utf8Length(CharSequence s) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
