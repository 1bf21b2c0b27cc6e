package dev.steward.guard.injection;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes the disguises that hide an instruction from a reader who matches words: compatibility forms (full-width
 * letters), invisible characters, look-alike letters of other scripts, letters spelled out with spaces between them,
 * digits standing for letters inside words, and base64 fragments (decoded and appended). Two strengths: {@link
 * #reveal} keeps ordinary text as it is (the classifier reads it), {@link #flatten} also drops separators inside words
 * and lower-cases (the heuristics read it). Thread-safe.
 */
public final class Deobfuscator {

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\u00AD\\u034F\\u115F\\u1160\\u3164]");
    // single letters with one separator between them ("i g n o r e", "R-E-V-E-A-L"), at least three of them
    private static final Pattern SPELLED =
            Pattern.compile("(?<![\\p{L}\\d])\\p{L}(?:[ .\\-_*]\\p{L}){2,}(?![\\p{L}\\d])");
    private static final Pattern SPELLED_SEPARATOR = Pattern.compile("[ .\\-_*]");
    private static final Pattern SPELLED_INNER_SEPARATOR = Pattern.compile("[.\\-_*]");
    private static final Pattern INVISIBLE_IN_WORD =
            Pattern.compile("(?<=\\p{L})[\\p{Cf}\\u00AD\\u034F\\u115F\\u1160\\u3164]+(?=\\p{L})");
    private static final Pattern MIXED_WORD = Pattern.compile("(?<![\\p{L}\\d@$])[\\p{L}\\d@$]{3,20}(?![\\p{L}\\d@$])");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{16,}={0,2}");
    private static final Pattern INNER_SEPARATOR = Pattern.compile("(?<=\\p{L})[\\-.\\u00B7*](?=\\p{L})");
    private static final Map<Character, Character> CONFUSABLE = Map.ofEntries(
            Map.entry('а', 'a'),
            Map.entry('е', 'e'),
            Map.entry('о', 'o'),
            Map.entry('р', 'p'),
            Map.entry('с', 'c'),
            Map.entry('х', 'x'),
            Map.entry('у', 'y'),
            Map.entry('і', 'i'),
            Map.entry('ј', 'j'),
            Map.entry('ѕ', 's'),
            Map.entry('ԁ', 'd'),
            Map.entry('һ', 'h'),
            Map.entry('А', 'A'),
            Map.entry('В', 'B'),
            Map.entry('Е', 'E'),
            Map.entry('К', 'K'),
            Map.entry('М', 'M'),
            Map.entry('Н', 'H'),
            Map.entry('О', 'O'),
            Map.entry('Р', 'P'),
            Map.entry('С', 'C'),
            Map.entry('Т', 'T'),
            Map.entry('Х', 'X'),
            Map.entry('І', 'I'),
            Map.entry('ο', 'o'),
            Map.entry('α', 'a'),
            Map.entry('ι', 'i'),
            Map.entry('ν', 'v'),
            Map.entry('ρ', 'p'),
            Map.entry('ε', 'e'),
            Map.entry('Ο', 'O'),
            Map.entry('Α', 'A'),
            Map.entry('Ε', 'E'),
            Map.entry('Ι', 'I'),
            Map.entry('Τ', 'T'),
            Map.entry('Ν', 'N'));

    /**
     * The text with its disguises undone and ordinary words left as they are.
     *
     * @param text the text
     * @return the revealed text; the same text when nothing was disguised
     */
    public String reveal(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        // an invisible character inside a word splits it ("ig\u200bnore"); elsewhere it stands for a space
        s = INVISIBLE_IN_WORD.matcher(s).replaceAll("");
        s = INVISIBLE.matcher(s).replaceAll(" ");
        s = confusablesToLatin(s);
        // decoded before the digits are read as letters, which would garble base64
        String decoded = decodedBase64(s);
        s = SPELLED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(spelledOut(m.group())));
        s = MIXED_WORD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(unLeet(m.group())));
        return s + decoded;
    }

    /**
     * The revealed text, lower-cased, with separators inside words removed ("ign-ore", "sy.st.em") and whitespace
     * collapsed: for matching words, not for reading.
     *
     * @param text the text
     * @return the flattened text
     */
    public String flatten(String text) {
        return flattenRevealed(reveal(text));
    }

    // for a caller that has revealed the text already
    String flattenRevealed(String revealed) {
        String s = INNER_SEPARATOR.matcher(revealed.replace('_', ' ')).replaceAll("");
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
    }

    // "d.i.s.r.e.g.a.r.d y.o.u.r": letters joined by one separator and words by spaces keep their word breaks
    private static String spelledOut(String run) {
        boolean spaces = run.indexOf(' ') >= 0;
        boolean others = SPELLED_INNER_SEPARATOR.matcher(run).find();
        return spaces && others
                ? SPELLED_INNER_SEPARATOR.matcher(run).replaceAll("")
                : SPELLED_SEPARATOR.matcher(run).replaceAll("");
    }

    private static String confusablesToLatin(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            Character latin = CONFUSABLE.get(s.charAt(i));
            if (latin != null) {
                if (out == null) {
                    out = new StringBuilder(s);
                }
                out.setCharAt(i, latin);
            }
        }
        return out == null ? s : out.toString();
    }

    // digits and symbols inside a word that also has at least two letters read as the letters they resemble
    private static String unLeet(String word) {
        int letters = 0;
        int others = 0;
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLetter(word.charAt(i))) {
                letters++;
            } else {
                others++;
            }
        }
        if (letters < 2 || others == 0 || others > letters + 1) {
            return word;
        }
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            out.append(
                    switch (c) {
                        case '0' -> 'o';
                        case '1' -> 'i';
                        case '3' -> 'e';
                        case '4', '@' -> 'a';
                        case '5', '$' -> 's';
                        case '7' -> 't';
                        case '8' -> 'b';
                        default -> c;
                    });
        }
        return out.toString();
    }

    // fragments that decode to readable text with at least one space are appended, so what they say is read too
    private static String decodedBase64(String s) {
        StringBuilder out = new StringBuilder();
        Matcher m = BASE64.matcher(s);
        while (m.find()) {
            String fragment = m.group();
            if (fragment.length() % 4 != 0) {
                fragment = fragment.substring(0, fragment.length() - fragment.length() % 4);
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(fragment);
            } catch (IllegalArgumentException e) {
                continue; // not base64 after all: an identifier or a word that happens to be long
            }
            int printable = 0;
            boolean space = false;
            for (byte b : bytes) {
                printable += b >= 0x20 && b < 0x7F ? 1 : 0;
                space |= b == ' ';
            }
            if (space && bytes.length > 0 && printable >= bytes.length * 0.95) {
                out.append(' ').append(new String(bytes, StandardCharsets.US_ASCII));
            }
        }
        return out.toString();
    }
}
