package dev.steward.samples.claims.spring;

/** A summary without a model: the claim's first sentences that fit. */
final class ExtractiveSummary {

    private ExtractiveSummary() {}

    static String of(String text, int maxChars) {
        StringBuilder out = new StringBuilder();
        for (String sentence : text.trim().split("(?<=[.!?])\\s+")) {
            if (out.length() > 0 && out.length() + sentence.length() + 1 > maxChars) {
                break;
            }
            out.append(out.length() == 0 ? "" : " ").append(sentence);
        }
        if (out.length() <= maxChars) {
            return out.toString();
        }
        int space = out.lastIndexOf(" ", maxChars);
        return out.substring(0, space > 0 ? space : maxChars) + "…";
    }
}
