package dev.steward.guard.redact;

/**
 * Whether a number continues a run of printed account-number groups: a four-character group that mixes letters and
 * digits ({@code A159}, {@code MK07}) right before it, one separator away. Such digits belong to a bank account
 * number (even one that fails its check), not to a card or phone number of their own.
 */
final class AccountGroups {

    private AccountGroups() {}

    static boolean continues(String text, int start) {
        if (start < 5) {
            return false;
        }
        char separator = text.charAt(start - 1);
        if (separator != ' ' && separator != '-') {
            return false;
        }
        String group = text.substring(start - 5, start - 1);
        if (start > 5 && Character.isLetterOrDigit(text.charAt(start - 6))) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                letter = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                return false;
            }
        }
        return letter && digit;
    }
}
