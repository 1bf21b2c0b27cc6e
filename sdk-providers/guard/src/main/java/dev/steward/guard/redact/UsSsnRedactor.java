package dev.steward.guard.redact;

import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US Social Security numbers: nine digits as {@code AAA-GG-SSSS} (dash, dot, space or none, one kind per number),
 * excluding what the Social Security Administration never issues: area 000, 666 or 900 to 999, group 00, serial 0000,
 * and the numbers voided after they were published.
 */
public final class UsSsnRedactor implements Redactor {

    /** The type of what it finds. */
    public static final String TYPE = "US_SSN";

    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![\\d\\-.])(\\d{3})([\\-. ]?)(\\d{2})([\\-. ]?)(\\d{4})(?![\\d]|[\\-.]\\d)");

    // numbers printed on sample cards and in advertisements, voided by the SSA
    private static final Set<String> VOIDED = Set.of("078051120", "219099999", "457555462");

    @Override
    public String name() {
        return "us-ssn";
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            String sep1 = m.group(2);
            String sep2 = m.group(4);
            if (!sep1.isEmpty() && !sep2.isEmpty() && !sep1.equals(sep2)) {
                continue;
            }
            String area = m.group(1);
            String group = m.group(3);
            String serial = m.group(5);
            if (area.equals("000") || area.equals("666") || area.charAt(0) == '9') {
                continue;
            }
            if (group.equals("00") || serial.equals("0000") || VOIDED.contains(area + group + serial)) {
                continue;
            }
            found.add(new Finding(m.start(), m.end(), TYPE));
        }
        return found;
    }
}
