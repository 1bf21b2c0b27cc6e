package dev.steward.guard.redact;

/**
 * Whether a number continues a run of printed account-number groups: groups of four capital letters or digits, one
 * separator apart, of which one mixes letters and digits ({@code NL91 ABNA}, {@code MK07 A159}), right before it.
 * Such digits belong to a bank account number (even one that fails its check), not to a card or phone number of
 * their own.
 */
final class AccountGroups {

    // an IBAN has at most eight groups of four before its last digits
    private static final int MAX_GROUPS = 8;

    private AccountGroups() {}

    static boolean continues(String text, int start) {
        boolean mixed = false;
        int end = start;
        for (int n = 0; n < MAX_GROUPS; n++) {
            if (end < 5) {
                return mixed;
            }
            char separator = text.charAt(end - 1);
            if (separator != ' ' && separator != '-') {
                return mixed;
            }
            int from = end - 5;
            boolean letter = false;
            boolean digit = false;
            for (int i = from; i < end - 1; i++) {
                char c = text.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    letter = true;
                } else if (c >= '0' && c <= '9') {
                    digit = true;
                } else {
                    return mixed;
                }
            }
            boolean bounded = from == 0 || !Character.isLetterOrDigit(text.charAt(from - 1));
            if (!bounded) {
                return mixed;
            }
            mixed |= letter && digit;
            end = from;
        }
        return mixed;
    }
}
