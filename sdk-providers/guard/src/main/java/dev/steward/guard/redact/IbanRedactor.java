package dev.steward.guard.redact;

import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * International bank account numbers: a country code of the IBAN registry, two check digits and the country's
 * length of alphanumerics, written as one block or in groups of four separated by single spaces or dashes, whose
 * mod-97 check (ISO 13616) holds.
 */
public final class IbanRedactor implements Redactor {

    /** The type of what it finds. */
    public static final String TYPE = "IBAN_CODE";

    private static final Map<String, Integer> LENGTHS = new HashMap<>();

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27"
                + " DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22"
                + " IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20"
                + " MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24"
                + " SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        for (String entry : table.split(" ")) {
            LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
    }

    @Override
    public String name() {
        return "iban";
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i + 4 <= n) {
            if (startsIban(text, i)) {
                int end = match(text, i, LENGTHS.get(text.substring(i, i + 2)));
                if (end > 0) {
                    found.add(new Finding(i, end, TYPE));
                    i = end;
                    continue;
                }
            }
            i++;
        }
        return found;
    }

    private static boolean startsIban(String t, int i) {
        return (i == 0 || !Character.isLetterOrDigit(t.charAt(i - 1)))
                && upper(t.charAt(i))
                && upper(t.charAt(i + 1))
                && digit(t.charAt(i + 2))
                && digit(t.charAt(i + 3))
                && LENGTHS.containsKey(t.substring(i, i + 2));
    }

    // the end of the IBAN starting at i, or -1: exactly `length` upper-case alphanumerics, separated (if at all)
    // every four by one space or one dash, the same throughout, then a boundary
    private static int match(String t, int i, int length) {
        StringBuilder compact = new StringBuilder(length);
        char separator = 0;
        int p = i;
        while (compact.length() < length) {
            if (p >= t.length()) {
                return -1;
            }
            char c = t.charAt(p);
            if (upper(c) || digit(c)) {
                compact.append(c);
                p++;
                continue;
            }
            boolean groupEnd = compact.length() % 4 == 0 && compact.length() > 0;
            if ((c == ' ' || c == '-') && groupEnd && (separator == 0 || separator == c)) {
                if (separator == 0 && compact.length() != 4) {
                    return -1;
                }
                separator = c;
                p++;
                continue;
            }
            return -1;
        }
        if (p < t.length() && Character.isLetterOrDigit(t.charAt(p))) {
            return -1;
        }
        if (separator != 0 && compact.length() > 4 && !groupedThroughout(t.substring(i, p), separator)) {
            return -1;
        }
        return mod97(compact.toString()) == 1 ? p : -1;
    }

    private static boolean groupedThroughout(String s, char separator) {
        String[] groups = s.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
        for (int g = 0; g < groups.length - 1; g++) {
            if (groups[g].length() != 4) {
                return false;
            }
        }
        return !groups[groups.length - 1].isEmpty() && groups[groups.length - 1].length() <= 4;
    }

    /**
     * The ISO 7064 mod-97-10 remainder of an IBAN: the first four characters moved to the end, letters as 10 to 35.
     *
     * @param iban upper-case alphanumerics
     * @return the remainder; 1 for a valid IBAN
     */
    static int mod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int r = 0;
        for (int k = 0; k < rearranged.length(); k++) {
            char c = rearranged.charAt(k);
            if (digit(c)) {
                r = (r * 10 + (c - '0')) % 97;
            } else {
                r = (r * 100 + (c - 'A' + 10)) % 97;
            }
        }
        return r;
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
