package dev.steward.providers.jdbc.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as UTC text of fixed width with nanoseconds ({@code 2026-11-23T10:00:00.000000000Z}): exact on every
 * database, free of session time zones, and sorted as text in time order (years 0 to 9999).
 */
public final class Times {

    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    /**
     * Formats an instant.
     *
     * @param instant the instant, or {@code null}
     * @return its text, or {@code null}
     */
    public static String format(Instant instant) {
        return instant == null ? null : FIXED.format(instant);
    }

    /**
     * Parses an instant formatted by {@link #format}.
     *
     * @param text the text, or {@code null}
     * @return the instant, or {@code null}
     */
    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
