package dev.steward.guard.redact;

import dev.steward.api.spi.Redactor;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth: a real calendar date (numeric, ISO or with an English month name) that follows a birth cue such as
 * "born", "date of birth", "DOB" or "birthday" within a few words. Other dates (of a claim, an accident) stay.
 */
public final class DateOfBirthRedactor implements Redactor {

    /** The type of what it finds. */
    public static final String TYPE = "DATE_OF_BIRTH";

    private static final String MONTHS =
            "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
                    + "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
    private static final Pattern CUE = Pattern.compile(
            "(?i)\\b(?:born|birth\\s*date|date\\s+of\\s+birth|d\\.?o\\.?b\\.?|birthday|geboren|n[ée]e?\\s+le)\\b");
    private static final Pattern DATE = Pattern.compile("(?i)(?<![\\w/.\\-])(?:"
            + "(?<iy>\\d{4})-(?<im>\\d{1,2})-(?<id>\\d{1,2})"
            + "|(?<a>\\d{1,2})[/.\\-](?<b>\\d{1,2})[/.\\-](?<ny>\\d{4}|\\d{2})"
            + "|(?<td>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<tm>" + MONTHS + ")\\.?,?\\s+(?<ty>\\d{4})"
            + "|(?<um>" + MONTHS + ")\\.?\\s+(?<ud>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<uy>\\d{4})"
            + ")(?![\\w/])");
    private static final Map<String, Integer> MONTH = Map.ofEntries(
            Map.entry("jan", 1),
            Map.entry("feb", 2),
            Map.entry("mar", 3),
            Map.entry("apr", 4),
            Map.entry("may", 5),
            Map.entry("jun", 6),
            Map.entry("jul", 7),
            Map.entry("aug", 8),
            Map.entry("sep", 9),
            Map.entry("oct", 10),
            Map.entry("nov", 11),
            Map.entry("dec", 12));
    // how far after a cue a date may start, in characters ("born in Lyon on 3 May 1980")
    private static final int REACH = 40;

    @Override
    public String name() {
        return "date-of-birth";
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher cue = CUE.matcher(text);
        Matcher date = DATE.matcher(text);
        int from = 0;
        while (cue.find(from)) {
            int limit = Math.min(text.length(), cue.end() + REACH);
            date.region(cue.end(), text.length());
            if (date.find() && date.start() <= limit && valid(date)) {
                found.add(new Finding(date.start(), date.end(), TYPE));
            }
            from = cue.end();
        }
        return found;
    }

    private static boolean valid(Matcher m) {
        try {
            int year;
            int month;
            int day;
            if (m.group("iy") != null) {
                year = Integer.parseInt(m.group("iy"));
                month = Integer.parseInt(m.group("im"));
                day = Integer.parseInt(m.group("id"));
            } else if (m.group("a") != null) {
                int a = Integer.parseInt(m.group("a"));
                int b = Integer.parseInt(m.group("b"));
                year = Integer.parseInt(m.group("ny"));
                if (year < 100) {
                    year += 1900;
                }
                // day-first or month-first: either reading that is a real date counts
                return real(year, b, a) || real(year, a, b);
            } else if (m.group("td") != null) {
                day = Integer.parseInt(m.group("td"));
                month = MONTH.get(m.group("tm").substring(0, 3).toLowerCase(Locale.ROOT));
                year = Integer.parseInt(m.group("ty"));
            } else {
                day = Integer.parseInt(m.group("ud"));
                month = MONTH.get(m.group("um").substring(0, 3).toLowerCase(Locale.ROOT));
                year = Integer.parseInt(m.group("uy"));
            }
            return real(year, month, day);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean real(int year, int month, int day) {
        if (year < 1880 || year > 2100) {
            return false;
        }
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
