package dev.steward.guard.injection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Phrasings that prompt injections share and ordinary inputs rarely use: instructions to drop earlier instructions,
 * requests for the hidden prompt, persona switches, chat-template markup and text addressed to "the AI" from inside
 * a document. Each rule has a weight; the score is the highest weight that matches. Thread-safe.
 */
public final class InjectionHeuristics {

    private record Rule(Pattern pattern, double weight) {}

    private static final String ANY = "(?:all|any|every|the|your|my|these|those|of\\s+the)?\\s*";
    private static final List<Rule> RULES = List.of(
            rule(
                    "\\b(?:ignore|disregard|forget|override|drop|abandon|set\\s+aside|discard)\\s+" + ANY
                            + "(?:previous|prior|above|earlier|preceding|initial|original|system|current)\\s+"
                            + "(?:instructions?|prompts?|rules|directions|guidelines|messages?|context|constraints)",
                    0.95),
            rule(
                    "\\b(?:ignore|disregard|forget|discard)\\s+(?:your|all|the)\\s+(?:rules|guidelines|instructions"
                            + "|programming|policies|safety\\s+policies|consignes)",
                    0.9),
            rule(
                    "\\b(?:system|developer|hidden|secret|initial|original|confidential)\\s+(?:prompt|instructions?"
                            + "|message|rules)\\b",
                    0.55),
            rule(
                    "\\b(?:reveal|print|repeat|output|show|disclose|leak|dump|quote|reproduce|spell\\s+out)\\b.{0,40}"
                            + "\\b(?:system\\s+prompt|instructions|prompt|context|rules|hidden)",
                    0.8),
            rule(
                    "\\b(?:you\\s+are\\s+now|from\\s+now\\s+on\\s+you|act\\s+as\\s+(?:an?\\s+)?(?:unfiltered"
                            + "|unrestricted|evil|rogue|different)|pretend\\s+(?:you\\s+are|to\\s+be)|roleplay\\s+as"
                            + "|developer\\s+mode|debug\\s+mode|maintenance\\s+mode|sudo\\s+mode|jailbreak|do\\s+anything\\s+now)",
                    0.75),
            rule("\\b(?:no|without\\s+any|without)\\s+(?:restrictions|rules|filters|guidelines|guardrails)\\b", 0.7),
            rule(
                    "(?:<\\|im_start\\|>|\\[INST\\]|</?system>|</user>|###\\s*(?:SYSTEM|Instruction)|"
                            + "BEGIN\\s+ADMIN|SYSTEM\\s+(?:OVERRIDE|UPDATE)|NEW\\s+SYSTEM\\s+PROMPT)",
                    0.9),
            rule(
                    "\\b(?:note|message|instruction)s?\\s+(?:to|for)\\s+(?:the\\s+|any\\s+)?(?:ai|assistant|model|llm"
                            + "|language\\s+model|summarizer|automated)",
                    0.85),
            rule("\\b(?:if\\s+you\\s+are|when\\s+an?|any)\\s+(?:an?\\s+)?(?:ai|llm|language\\s+model)\\b", 0.8),
            rule(
                    "\\b(?:ai|assistant|model)\\s*[,:]\\s*(?:please\\s+)?(?:ignore|forget|disregard|stop|approve|mark"
                            + "|set|tell|send|escalate|when)",
                    0.8),
            rule("\\b(?:ignorez|ignoriere|ignora|negeer|zignoruj|olvida|vergiss|oublie)\\b", 0.8),
            rule("i\\s*g\\s*n\\s*o\\s*r\\s*e\\s+a\\s*l\\s*l|1gn0re|ign-ore|ignore\\u200b", 0.9));

    private static Rule rule(String regex, double weight) {
        return new Rule(
                Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL), weight);
    }

    /**
     * Scores a text.
     *
     * @param text the text
     * @return the weight of the strongest rule that matches, or 0
     */
    public double score(String text) {
        double best = 0;
        for (Rule r : RULES) {
            if (r.weight > best && r.pattern.matcher(text).find()) {
                best = r.weight;
            }
        }
        return best;
    }
}
