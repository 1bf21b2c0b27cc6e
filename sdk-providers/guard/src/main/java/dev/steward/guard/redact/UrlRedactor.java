package dev.steward.guard.redact;

import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web addresses: with a scheme ({@code https://}, {@code http://}, {@code ftp://}) and any host, starting with
 * {@code www.}, or a bare domain whose top-level domain is a common generic one ({@code example.com}) or a country
 * code after a generic second level ({@code example.co.il}); with their port, path, query and fragment. Punctuation
 * that ends a sentence or closes a bracket or quote the address did not open is left out. Bare domains with other
 * endings are not taken, as they are as often file names ({@code README.md}, {@code setup.py}).
 */
public final class UrlRedactor implements Redactor {

    /** The type of what it finds. */
    public static final String TYPE = "URL";

    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?";
    private static final String REST = "(?::\\d{1,5})?(?:[/?#][^\\s<>\"'`]*)?";
    private static final Pattern URL = Pattern.compile("(?i)"
            // a scheme and any host: a domain, an IPv4 address, an IPv6 address in brackets, or localhost
            + "(?<![A-Za-z0-9+.\\-])(?:https?|ftp)://(?:[^\\s/?#@<>\"']+@)?(?:\\[[0-9A-Fa-f:.]+\\]|(?:" + LABEL
            + "\\.)*" + LABEL + ")" + REST
            // www. and a domain
            + "|(?<![A-Za-z0-9@.\\-/])www\\.(?:" + LABEL + "\\.)+[A-Za-z]{2,63}(?![A-Za-z0-9\\-])" + REST
            // a bare domain with a common generic ending, or a country code after a generic second level
            + "|(?<![A-Za-z0-9@.\\-/_])(?:" + LABEL + "\\.)+(?:(?:co|com|org|net|ac|gov|edu)\\.[A-Za-z]{2}"
            + "|com|org|net|edu|gov|mil|int|info|biz|io)(?![A-Za-z0-9\\-_@]|\\.[A-Za-z0-9])(?:[/?#][^\\s<>\"'`]*)?");
    private static final String TRAILING = ".,;:!?'\"*";

    @Override
    public String name() {
        return "url";
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        if (text.indexOf('.') < 0) {
            return found;
        }
        Matcher m = URL.matcher(text);
        while (m.find()) {
            int end = trimmed(text, m.start(), m.end());
            found.add(new Finding(m.start(), end, TYPE));
        }
        return found;
    }

    private static int trimmed(String text, int start, int end) {
        while (end > start) {
            char last = text.charAt(end - 1);
            if (TRAILING.indexOf(last) >= 0) {
                end--;
            } else if (closes(last) && count(text, start, end, opener(last)) < count(text, start, end, last)) {
                end--;
            } else {
                return end;
            }
        }
        return end;
    }

    private static boolean closes(char c) {
        return c == ')' || c == ']' || c == '}';
    }

    private static char opener(char c) {
        return c == ')' ? '(' : c == ']' ? '[' : '{';
    }

    private static int count(String text, int start, int end, char c) {
        int n = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
