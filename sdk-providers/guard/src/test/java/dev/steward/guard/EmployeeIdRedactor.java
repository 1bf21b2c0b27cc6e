package dev.steward.guard;

import dev.steward.api.spi.Redactor;
import dev.steward.guard.redact.PatternRedactor;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A deployment's own detector, registered in this module's test resources for {@link java.util.ServiceLoader}, as a
 * named-entity model would be: the guard must run it beside its built-in ones. Its values ({@code EMP#12345}) occur
 * in no other test's text.
 */
public final class EmployeeIdRedactor implements Redactor {

    private final Redactor ids = new PatternRedactor("EMPLOYEE_ID", Pattern.compile("EMP#\\d{5}\\b"));

    @Override
    public String name() {
        return "employee-id";
    }

    @Override
    public List<Finding> find(String text) {
        return ids.find(text);
    }
}
