package dev.steward.guard.redact;

import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses: a local part, {@code @}, and a domain of at least two labels whose last is a top-level domain. */
public final class EmailRedactor implements Redactor {

    /** The type of what it finds. */
    public static final String TYPE = "EMAIL_ADDRESS";

    // the top-level domain is letters, or an internationalized one in its xn-- form
    private static final Pattern EMAIL = Pattern.compile("(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9][A-Za-z0-9._%+\\-]{0,63}"
            + "@(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9]{2,59})"
            + "(?![A-Za-z0-9\\-]|\\.[A-Za-z0-9])");

    @Override
    public String name() {
        return "email";
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        if (text.indexOf('@') < 0) {
            return found;
        }
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            found.add(new Finding(m.start(), m.end(), TYPE));
        }
        return found;
    }
}
