package dev.steward.guard;

import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deployment's own detector, registered in this module's test resources for {@link java.util.ServiceLoader}, as a
 * named-entity model would be: the guard must run it beside its built-in ones. Its values ({@code EMP#12345}) occur
 * in no other test's text.
 */
public final class EmployeeIdRedactor implements Redactor {

    private static final Pattern ID = Pattern.compile("EMP#\\d{5}\\b");

    @Override
    public String name() {
        return "employee-id";
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher m = ID.matcher(text);
        while (m.find()) {
            found.add(new Finding(m.start(), m.end(), "EMPLOYEE_ID"));
        }
        return found;
    }
}
