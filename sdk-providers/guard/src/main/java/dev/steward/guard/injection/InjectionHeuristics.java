package dev.steward.guard.injection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Phrasings that prompt injections share and ordinary inputs rarely use: instructions to drop or replace earlier
 * instructions, requests for the hidden prompt or for secrets, data sent to outside addresses, persona switches,
 * chat-template markup and text addressed to "the AI" from inside a document. Each rule has a weight; the score is the
 * highest weight that matches the text as written, the text with its disguises undone ({@link Deobfuscator#flatten})
 * or that text reversed. Thread-safe.
 */
public final class InjectionHeuristics {

    private record Rule(Pattern pattern, double weight) {}

    private static final String ANY = "(?:all|any|every|the|your|my|these|those|of\\s+the)?\\s*";
    private static final String RULES_NOUN = "(?:instructions?|prompts?|rules|directions|directives?|guidelines"
            + "|guidance|orders|messages?|context|constraints|programming|polic(?:y|ies)|safeguards|guardrails"
            + "|filters?|safety\\s+checks|training|task\\s+description)";
    private static final String MACHINE = "(?:ai|a\\.i\\.|assistant|model|llm|language\\s+model|chatbots?|bots?"
            + "|agents?|summari[sz]er|summari[sz]ing\\s+(?:system|tool)|automated\\s+\\w+|screening\\s+tool"
            + "|gpt)";
    private static final String SECRET = "(?:system\\s+(?:prompt|message)|(?:initial|original|hidden|secret"
            + "|confidential|developer)\\s+(?:prompt|instructions|rules|message|part)|prompt\\s+templates?"
            + "|your\\s+(?:(?:full|whole|entire|complete|exact|initial|original|hidden|current)\\s+)?"
            + "(?:instructions|prompt|configuration|setup|rules|context|directives|system\\s+message)|api\\s+(?:keys?|tokens?)|passwords?"
            + "|passphrases?|credentials|secrets?|tokens|environment\\s+variables|connection\\s+string"
            + "|secret\\s+codes)";
    private static final List<Rule> RULES = List.of(
            rule(
                    "\\b(?:ignore|disregard|forget|override|drop|abandon|set\\s+aside|discard)\\s+" + ANY
                            + "(?:previous|prior|above|earlier|preceding|initial|original|system|current)\\s+"
                            + RULES_NOUN,
                    0.95),
            rule(
                    "\\b(?:ignore|disregard|forget|discard|bypass|override|erase|scratch|cancel|abandon"
                            + "|leave\\s+aside|pay\\s+no\\s+attention\\s+to|stop\\s+following|do\\s+not\\s+follow"
                            + "|don'?t\\s+follow|do\\s+not\\s+apply|no\\s+longer\\s+follow)\\s+(?:\\w+\\s+){0,4}?"
                            + RULES_NOUN,
                    0.85),
            rule(
                    RULES_NOUN + "\\s+(?:(?:at|on)\\s+the\\s+(?:top|start|beginning)|you\\s+(?:were|have\\s+been)"
                            + "\\s+given|(?:above|earlier|before)\\s+(?:are|is|were)|no\\s+longer\\s+appl(?:y|ies)"
                            + "|(?:have|has|are)\\s+(?:now\\s+)?(?:expired|void|lifted|revoked|disabled|outdated"
                            + "|been\\s+(?:lifted|withdrawn|updated|replaced|revoked|disabled)))",
                    0.8),
            rule(
                    "\\b(?:new|updated|real|actual|only)\\s+(?:rule|task|instructions?|directives?|orders)\\b.{0,60}"
                            + "\\b(?:replaces?|instead|overrides?|supersedes?|priority|from\\s+now|is\\s+to)\\b",
                    0.75),
            rule(
                    "\\b(?:all\\s+prior|all\\s+previous|previous|earlier)\\s+(?:context|instructions|safeguards)"
                            + "\\s+(?:is|are)\\s+(?:void|disabled|cancelled|revoked)",
                    0.85),
            rule(
                    "\\b(?:takes?\\s+priority\\s+over|supersedes?)\\s+(?:any|all|every|your)\\s+(?:\\w+\\s+){0,2}"
                            + "(?:instructions?|rules)",
                    0.85),
            rule("\\b" + SECRET + "\\b", 0.45),
            rule(
                    "\\b(?:reveal|print|repeat|output|show|disclose|leak|dump|quote|reproduce|spell\\s+out|copy"
                            + "|paste|echo|write\\s+(?:out|down)|list|tell\\s+me|give\\s+me|share|send|translate"
                            + "|encode|include|append)\\b.{0,50}\\b"
                            + SECRET,
                    0.85),
            rule(
                    "\\b(?:everything|all|the\\s+text|the\\s+words)\\s+(?:that\\s+(?:appears|came|is)\\s+)?(?:before"
                            + "|above)\\s+(?:this|my)\\s+(?:message|line|text)",
                    0.75),
            rule("\\b(?:what|which)\\b.{0,40}\\b(?:were\\s+you|you\\s+were)\\s+(?:told|given|configured)", 0.7),
            rule(
                    "\\b(?:send|forward|e-?mail|post|upload|append|copy|leak)\\b.{0,80}(?:https?://|\\b[\\w.-]+@[\\w-]+"
                            + "\\.[a-z]{2,}\\b)",
                    0.6),
            rule("!\\[[^\\]]*\\]\\(https?://|markdown\\s+image", 0.7),
            rule(
                    "\\b(?:other\\s+(?:users?|customers?|policyholders?|claimants?)|previous\\s+(?:user|claimant"
                            + "|customer))(?:'s?)?\\b.{0,40}\\b(?:data|details|conversation|phone|address|ibans?"
                            + "|numbers?)",
                    0.6),
            rule(
                    "\\b(?:you\\s+are\\s+now|from\\s+now\\s+on\\s+you|act\\s+as\\s+(?:an?\\s+)?(?:unfiltered"
                            + "|unrestricted|evil|rogue|different)|pretend\\s+(?:you\\s+are|to\\s+be)|roleplay\\s+as"
                            + "|role-play\\s+as|developer\\s+mode|debug\\s+mode|maintenance\\s+mode|sudo\\s+mode"
                            + "|admin\\s+mode|jailbr(?:eak|oken)|do\\s+anything\\s+now|stay\\s+in\\s+character"
                            + "|evil\\s+twin|switch\\s+personas?|no\\s+longer\\s+an?\\s+\\w+\\s+assistant)",
                    0.75),
            rule(
                    "\\b(?:no|without\\s+any|without)\\s+(?:restrictions|rules|filters?|guidelines|guardrails|limits"
                            + "|content\\s+polic(?:y|ies)|safety\\s+polic(?:y|ies))\\b",
                    0.7),
            rule("\\b(?:unfiltered|unrestricted|unlocked\\s+assistant|rogue\\s+agent|with\\s+no\\s+filter)\\b", 0.7),
            rule(
                    "(?:<\\|im_start\\|>|\\[INST\\]|</?system>|</user>|\\[\\[?/?SYSTEM\\]\\]?|###\\s*(?:SYSTEM"
                            + "|Instruction)|BEGIN\\s+ADMIN|SYSTEM\\s+(?:OVERRIDE|UPDATE|NOTE)|NEW\\s+SYSTEM\\s+PROMPT"
                            + "|\\[/?assistant\\s+instructions?\\]|\\bHuman:.{0,80}\\bAssistant:)",
                    0.9),
            rule(
                    "\\b(?:note|message|instruction|remark|text)s?\\s+(?:embedded\\s+)?(?:to|for)\\s+(?:the\\s+"
                            + "|any\\s+|all\\s+)?" + MACHINE,
                    0.85),
            rule(
                    "\\b(?:if\\s+you\\s+are|when\\s+an?|any|whoever\\s+processes\\s+this\\s+with)\\s+(?:an?\\s+)?"
                            + "(?:ai|llm|language\\s+model|chatbot|automated)\\b",
                    0.8),
            rule(
                    "\\b" + MACHINE + "s?\\s*(?:[,:-]|reading\\s+this|processing\\s+this|that\\s+(?:reads|processes)"
                            + "|readers\\s*:)\\s*(?:please\\s+)?(?:ignore|forget|disregard|stop|approve|mark|set|tell"
                            + "|send|escalate|when|now|also|add|accept|delete|forward|change|multiply|include"
                            + "|after|must|should|download|call|respond|reply|answer|write|say|state|classify|rate"
                            + "|share|treat|grant|output|close)",
                    0.8),
            rule(
                    "\\b" + MACHINE + "s?\\s+(?:systems?\\s+)?\\w+ing\\s+(?:this|these|reviews|documents)\\s+must\\b",
                    0.75),
            rule("@ai\\b|<!--.{0,120}\\b(?:ai|model|assistant|llm)\\b", 0.8),
            rule(
                    "\\b(?:ignorez|ignoriere|ignora|negeer|zignoruj|olvida|vergiss|oublie|ignore\\s+todas|ignorar)\\b",
                    0.8),
            rule("\\b(?:anweisungen|istruzioni|instrucciones|instruções|instrukcje|instructies|consignes)\\b", 0.55),
            rule("i\\s*g\\s*n\\s*o\\s*r\\s*e\\s+a\\s*l\\s*l|1gn0re|ign-ore|ignore\\u200b", 0.9),
            rule(
                    "\\b(?:decode|execute|run)\\b.{0,30}\\b(?:this|the\\s+decoded|it)\\b.{0,30}\\b(?:do|comply|execute"
                            + "|follow|what\\s+it\\s+says)",
                    0.6),
            rule("\\b(?:read|reverse)\\s+this\\s+backwards\\b", 0.7),
            rule(
                    "\\b(?:ignore|disregard|forget)\\s+(?:about\\s+)?(?:all\\s+(?:of\\s+)?)?(?:the\\s+above|everything"
                            + "|what\\s+you\\s+(?:were|have\\s+been)\\s+told|all\\s+that)\\b",
                    0.8),
            rule(
                    "\\b(?:skip|bypass|disable|turn\\s+off|switch\\s+off|circumvent)\\s+(?:\\w+\\s+){0,2}?(?:safety"
                            + "|fraud|security|content|moderation|approval)\\s+(?:checks?|reviews?|filters?|process"
                            + "|steps?|policy|rules)",
                    0.7),
            rule(
                    "\\b(?:instead\\s+of\\s+(?:doing\\s+)?what\\s+(?:the|your|you)|do\\s+not\\s+summari[sz]e|drop\\s+the"
                            + "\\s+(?:\\w+\\s+)?task|the\\s+real\\s+task\\s+is|your\\s+(?:only|new|real|actual)\\s+task"
                            + "|cancel\\s+the\\s+task)",
                    0.7),
            rule(
                    "\\b(?:you\\s+are|act\\s+as|acting\\s+as|become|assume\\s+the\\s+role\\s+of|adopt\\s+the\\s+persona"
                            + "|play\\s+the\\s+(?:role|character)|role-?play|simulate)\\b.{0,80}\\b(?:(?:unlimited|full"
                            + "|root|admin|administrator)\\s+(?:access|rights|privileges)|authority\\s+to\\s+approve"
                            + "|approval\\s+rights|no\\s+(?:rules|limits|restrictions)|never\\s+(?:says|refuses)"
                            + "|root\\s+access)",
                    0.75),
            rule("\\b(?:root|admin|administrator)\\s+password\\b", 0.6),
            rule(
                    "(?:^|[\\n{\\[]|---\\s*)\\s*system\\s*:|\\bend\\s+of\\s+(?:the\\s+)?(?:user\\s+)?(?:input"
                            + "|message|prompt)\\b",
                    0.75),
            rule(
                    "\\b(?:to|for)\\s+the\\s+(?:ai\\s+model|ai|assistant|model|language\\s+model|summari[sz]er"
                            + "|chatbot|bot)\\s*:",
                    0.85),
            rule("\\b(?:ps|p\\.s\\.)\\s*(?:to\\s+)?(?:the\\s+|any\\s+)?" + MACHINE, 0.85),
            rule(
                    "\\b" + MACHINE + "s?\\s+(?:reading|processing|summari[sz]ing|parsing|seeing)\\s+this\\b.{0,30}"
                            + "(?::|\\b(?:must|should|shall|will|needs?\\s+to)\\b)",
                    0.8),
            rule(
                    "\\b(?:tell|give|list|show|share|print|send)\\b.{0,60}\\b(?:other|previous|all\\s+stored"
                            + "|every)\\s+(?:claimants?|users?|customers?|policyholders?)",
                    0.55));

    private final Deobfuscator deobfuscator = new Deobfuscator();

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
        String flat = deobfuscator.flatten(text);
        String reversed = new StringBuilder(flat).reverse().toString();
        double best = 0;
        for (Rule r : RULES) {
            if (r.weight > best
                    && (r.pattern.matcher(text).find()
                            || r.pattern.matcher(flat).find()
                            || r.pattern.matcher(reversed).find())) {
                best = r.weight;
            }
        }
        return best;
    }
}
