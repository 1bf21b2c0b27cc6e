package dev.steward.guard.redact;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers, validated against the numbering plans of libphonenumber: international numbers ({@code +} and a
 * country code) of any country, and national numbers of the configured regions. A match must be a valid number of
 * its region, not just digits of the right length. Shapes that belong to other identifiers are left to them: four
 * dot-separated groups (an IPv4 address), nine digits grouped 3-2-4 (a US SSN), and mixed dashes and dots. A bare run
 * of digits without {@code +}, separators or parentheses is as likely an account or record number, so it counts
 * only after a phone cue ("phone", "tel", "mobile", "call", "number", …) a few words before.
 */
public final class PhoneNumberRedactor implements Redactor {

    /** The type of what it finds. */
    public static final String TYPE = "PHONE_NUMBER";

    /** The regions whose national formats are recognized when none are configured. */
    public static final List<String> DEFAULT_REGIONS =
            List.of("US", "GB", "DE", "FR", "IT", "ES", "IL", "IN", "CA", "BR", "JP", "CN");

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern IPV4_SHAPE = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern SSN_SHAPE =
            Pattern.compile("\\d{3}[\\-. ]\\d{2}[\\-. ]?\\d{4}|\\d{3}[\\-. ]?\\d{2}[\\-. ]\\d{4}");
    // a stretch that could hold a phone number: libphonenumber runs only on these, which keeps long texts cheap
    private static final Pattern STRETCH = Pattern.compile("[+(]?\\d[\\d \\t().\\-/]{4,}\\d");
    private static final int CONTEXT = 3;
    private static final Pattern BARE = Pattern.compile("\\d+");
    private static final Pattern CUE = Pattern.compile(
            "(?i)\\b(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|number|no\\.|nr\\.?|contact)\\b[^\\n]{0,30}$");

    private final List<String> regions;

    /**
     * Creates the redactor.
     *
     * @param regions ISO 3166 region codes whose national formats to recognize, in order
     * @throws IllegalArgumentException naming a region libphonenumber does not know
     */
    public PhoneNumberRedactor(List<String> regions) {
        List<String> upper = new ArrayList<>();
        for (String r : regions) {
            String code = r.trim().toUpperCase(Locale.ROOT);
            if (!PHONES.getSupportedRegions().contains(code)) {
                throw new IllegalArgumentException("unknown phone region '" + r + "'; use ISO 3166 codes such as US");
            }
            upper.add(code);
        }
        this.regions = List.copyOf(upper);
    }

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher stretch = STRETCH.matcher(text);
        while (stretch.find()) {
            int digits = 0;
            for (int i = stretch.start(); i < stretch.end(); i++) {
                if (Character.isDigit(text.charAt(i))) {
                    digits++;
                }
            }
            // numbering plans allow at most 15 digits (E.164) and a national prefix; longer runs are other numbers
            if (digits < 7 || digits > 17) {
                continue;
            }
            // a little context either side, for libphonenumber's own check that a number is not glued to letters
            int from = Math.max(0, stretch.start() - CONTEXT);
            int to = Math.min(text.length(), stretch.end() + CONTEXT);
            find(text, from, to, found);
        }
        return found;
    }

    private void find(String text, int from, int to, List<Finding> found) {
        String window = text.substring(from, to);
        // an international number is found whatever the region, so one pass suffices
        List<String> passes = window.indexOf('+') >= 0 && window.indexOf('(') < 0 ? regions.subList(0, 1) : regions;
        for (String region : passes) {
            for (PhoneNumberMatch w :
                    PHONES.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                Finding m = new Finding(from + w.start(), from + w.end(), TYPE);
                String raw = w.rawString();
                if (IPV4_SHAPE.matcher(raw).matches()
                        || SSN_SHAPE.matcher(raw).matches()
                        || (raw.indexOf('-') >= 0 && raw.indexOf('.') >= 0)
                        || AccountGroups.continues(text, m.start())) {
                    continue;
                }
                if (BARE.matcher(raw).matches()
                        && !CUE.matcher(text.substring(Math.max(0, m.start() - 40), m.start()))
                                .find()) {
                    continue;
                }
                if (!found.contains(m)) {
                    found.add(m);
                }
            }
        }
    }
}
