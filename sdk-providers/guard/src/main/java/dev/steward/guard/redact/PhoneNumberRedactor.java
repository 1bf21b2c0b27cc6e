package dev.steward.guard.redact;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers, validated against the numbering plans of libphonenumber: international numbers ({@code +} and a
 * country code) of any country, and national numbers of the configured regions. A match must be a valid number of
 * its region, not just digits of the right length, and of at least seven digits. Shapes that belong to other
 * identifiers are left to them: digits within four dot-separated groups (an IPv4 address), nine digits grouped 3-2-4
 * (a US SSN), mixed dashes and dots, and the digit groups that continue a printed account number ({@code NL91 ABNA
 * 0417 1643 01}, even one whose check fails). A bare run of digits without {@code +}, separators or parentheses is as
 * likely an account or record number, so it counts only after a phone cue ("phone", "tel", "mobile", "call",
 * "number", …) a few words before. Where several regions read numbers in the same digits, the first region in order
 * wins.
 *
 * <p>libphonenumber's search costs tens of microseconds per stretch of digits and region, so it runs only where it
 * can succeed: on stretches of 7 to 17 digits, and for a region only when some run of the stretch's digit groups
 * could be a number of that region as the numbering plan's own patterns say (with its national prefix, its country
 * code or its international call prefix). Stretches with {@code +} need one search, whatever the region.
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
    // fewer digits are a short code or an extension, not a number to redact
    private static final int MIN_DIGITS = 7;
    private static final Pattern BARE = Pattern.compile("\\d+");
    private static final Pattern CUE = Pattern.compile(
            "(?i)\\b(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|number|no\\.|nr\\.?|contact)\\b[^\\n]{0,30}$");

    private final List<String> regions;
    private final List<Plan> plans;
    private final boolean exhaustive;

    /**
     * Creates the redactor.
     *
     * @param regions ISO 3166 region codes whose national formats to recognize, in order
     * @throws IllegalArgumentException naming a region libphonenumber does not know
     */
    public PhoneNumberRedactor(List<String> regions) {
        this(regions, false);
    }

    /** As {@link #PhoneNumberRedactor(List)}; {@code exhaustive} searches every region everywhere, to compare. */
    PhoneNumberRedactor(List<String> regions, boolean exhaustive) {
        List<String> upper = new ArrayList<>();
        for (String r : regions) {
            String code = r.trim().toUpperCase(Locale.ROOT);
            if (!PHONES.getSupportedRegions().contains(code)) {
                throw new IllegalArgumentException("unknown phone region '" + r + "'; use ISO 3166 codes such as US");
            }
            upper.add(code);
        }
        this.regions = List.copyOf(upper);
        this.plans = upper.stream().map(Plan::of).toList();
        this.exhaustive = exhaustive;
    }

    /**
     * What libphonenumber's parser would read in a run of digits of the region, without its exceptions: a national
     * number after the national prefix (rewritten as the plan says, for carrier codes), after the country code
     * written without {@code +}, or as it stands. A run after the international call prefix may be any country's.
     */
    private record Plan(int countryCode, Pattern prefix, String transform, Pattern international, Pattern numbers) {

        static Plan of(String region) {
            MetadataSource plans =
                    DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
            PhoneMetadata m = plans.getMetadataForRegion(region);
            String prefix = m.getNationalPrefixForParsing().isEmpty()
                    ? Pattern.quote(m.getNationalPrefix())
                    : m.getNationalPrefixForParsing();
            // a number is valid when it is of some type in some region of its country code (+1 is shared)
            StringJoiner numbers = new StringJoiner("|");
            for (String shared : PHONES.getRegionCodesForCountryCode(m.getCountryCode())) {
                PhoneMetadata s = plans.getMetadataForRegion(shared);
                for (PhoneNumberDesc type : List.of(
                        s.getFixedLine(),
                        s.getMobile(),
                        s.getTollFree(),
                        s.getPremiumRate(),
                        s.getSharedCost(),
                        s.getPersonalNumber(),
                        s.getVoip(),
                        s.getPager(),
                        s.getUan(),
                        s.getVoicemail())) {
                    if (!type.getNationalNumberPattern().isEmpty()) {
                        numbers.add("(?:" + type.getNationalNumberPattern() + ")");
                    }
                }
            }
            return new Plan(
                    m.getCountryCode(),
                    Pattern.compile(prefix),
                    m.getNationalPrefixTransformRule(),
                    Pattern.compile(m.getInternationalPrefix()),
                    Pattern.compile(numbers.toString()));
        }

        boolean couldHold(String run) {
            if (international.matcher(run).lookingAt()) {
                return true;
            }
            String code = Integer.toString(countryCode);
            return valid(run)
                    || valid(withoutNationalPrefix(run))
                    || (run.startsWith(code)
                            && (valid(run.substring(code.length()))
                                    || valid(withoutNationalPrefix(run.substring(code.length())))));
        }

        private String withoutNationalPrefix(String run) {
            Matcher p = prefix.matcher(run);
            if (!p.lookingAt() || p.end() == 0) {
                return null;
            }
            if (!transform.isEmpty() && p.groupCount() > 0 && p.group(p.groupCount()) != null) {
                StringBuilder rewritten = new StringBuilder();
                p.appendReplacement(rewritten, transform);
                return rewritten + run.substring(p.end());
            }
            return run.substring(p.end());
        }

        private boolean valid(String national) {
            if (national == null || national.length() < 2 || national.length() > 17) {
                return false;
            }
            return numbers.matcher(national).matches();
        }
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
            if (digits < MIN_DIGITS || digits > 17 || AccountGroups.continues(text, stretch.start())) {
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
        boolean international = window.indexOf('+') >= 0;
        List<String> passes = international && window.indexOf('(') < 0 ? regions.subList(0, 1) : regions;
        List<Run> runs = exhaustive ? List.of() : runs(text, from, to);
        for (int r = 0; r < passes.size(); r++) {
            if (!exhaustive && !(international && r == 0) && !couldHold(runs, plans.get(r), found)) {
                continue;
            }
            for (PhoneNumberMatch w :
                    PHONES.findNumbers(window, passes.get(r), PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                Finding m = new Finding(from + w.start(), from + w.end(), TYPE);
                String raw = w.rawString();
                if (raw.chars().filter(Character::isDigit).count() < MIN_DIGITS
                        || SSN_SHAPE.matcher(raw).matches()
                        || (raw.indexOf('-') >= 0 && raw.indexOf('.') >= 0)
                        || inDottedQuad(text, m.start(), m.end())
                        || AccountGroups.continues(text, m.start())
                        || overlaps(found, m.start(), m.end())) {
                    continue;
                }
                if (BARE.matcher(raw).matches()
                        && !CUE.matcher(text.substring(Math.max(0, m.start() - 40), m.start()))
                                .find()) {
                    continue;
                }
                found.add(m);
            }
        }
    }

    /** Consecutive digit groups of a window, from {@code start} to {@code end} of the text, and their digits. */
    private record Run(int start, int end, String digits) {}

    /**
     * Every run of consecutive digit groups of the window with at least the digits of a number. A run glued to a
     * letter is left out, as libphonenumber rejects such a match, and so is one that continues an account number or
     * lies in an IPv4 address, as those matches are rejected here.
     */
    private static List<Run> runs(String text, int from, int to) {
        List<int[]> groups = new ArrayList<>();
        int i = from;
        while (i < to) {
            if (Character.isDigit(text.charAt(i))) {
                int j = i;
                while (j < to && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                groups.add(new int[] {i, j});
                i = j;
            } else {
                i++;
            }
        }
        List<Run> runs = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int start = groups.get(g)[0];
            if ((start > 0 && isLatinLetter(text.charAt(start - 1))) || AccountGroups.continues(text, start)) {
                continue;
            }
            StringBuilder digits = new StringBuilder();
            for (int h = g; h < groups.size() && digits.length() <= 17; h++) {
                int end = groups.get(h)[1];
                digits.append(text, groups.get(h)[0], end);
                if (digits.length() >= MIN_DIGITS
                        && (end == text.length() || !isLatinLetter(text.charAt(end)))
                        && !inDottedQuad(text, start, end)) {
                    runs.add(new Run(start, end, digits.toString()));
                }
            }
        }
        return runs;
    }

    /** Whether the span lies in a token of digits and dots shaped as an IPv4 address. */
    private static boolean inDottedQuad(String text, int start, int end) {
        while (start > 0 && isDigitOrDot(text.charAt(start - 1))) {
            start--;
        }
        while (end < text.length() && isDigitOrDot(text.charAt(end))) {
            end++;
        }
        return IPV4_SHAPE.matcher(text.subSequence(start, end)).matches();
    }

    private static boolean isDigitOrDot(char c) {
        return c == '.' || (c >= '0' && c <= '9');
    }

    private static boolean overlaps(List<Finding> found, int start, int end) {
        for (Finding f : found) {
            if (f.start() < end && start < f.end()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLatinLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Whether a run that no earlier region has taken could hold a number of the region. */
    private static boolean couldHold(List<Run> runs, Plan plan, List<Finding> found) {
        for (Run run : runs) {
            if (!overlaps(found, run.start(), run.end()) && plan.couldHold(run.digits())) {
                return true;
            }
        }
        return false;
    }
}
