package dev.steward.guard.redact;

import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, optionally grouped by one kind of separator (space or dash), with a valid
 * Luhn check digit and a length that the issuer range of the first digit allows.
 */
public final class CreditCardRedactor implements Redactor {

    /** The type of what it finds. */
    public static final String TYPE = "CREDIT_CARD";

    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![\\dA-Za-z\\-.])\\d(?:[ \\-]?\\d){12,18}(?![\\dA-Za-z])");

    @Override
    public String name() {
        return "credit-card";
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            String s = m.group();
            if (s.indexOf(' ') >= 0 && s.indexOf('-') >= 0) {
                continue;
            }
            String digits = s.replace(" ", "").replace("-", "");
            if (grouped(s) && plausibleIssuer(digits) && luhn(digits) && !AccountGroups.continues(text, m.start())) {
                found.add(new Finding(m.start(), m.end(), TYPE));
            }
        }
        return found;
    }

    // printed card numbers are one block, groups of four (the last may be shorter), or 4-6-5 / 4-6-4 (Amex, Diners)
    private static boolean grouped(String s) {
        String[] groups = s.split("[ \\-]");
        if (groups.length == 1) {
            return true;
        }
        if (groups.length == 3 && groups[0].length() == 4 && groups[1].length() == 6) {
            return true;
        }
        for (int g = 0; g < groups.length - 1; g++) {
            if (groups[g].length() != 4) {
                return false;
            }
        }
        return groups[groups.length - 1].length() <= 4;
    }

    // the first digit is the major industry identifier: 1 is UATP (15 digits), 2 to 6 are the card networks
    private static boolean plausibleIssuer(String d) {
        char first = d.charAt(0);
        if (first == '1') {
            return d.length() == 15;
        }
        if (first == '3' && (d.startsWith("34") || d.startsWith("37"))) {
            return d.length() == 15;
        }
        return first >= '2' && first <= '6';
    }

    /**
     * Whether the digits end in a valid Luhn (mod 10) check digit.
     *
     * @param digits decimal digits only
     * @return whether the check holds
     */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int n = digits.charAt(i) - '0';
            if (twice) {
                n *= 2;
                if (n > 9) {
                    n -= 9;
                }
            }
            sum += n;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
