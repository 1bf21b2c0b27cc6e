package dev.steward.guard.injection;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phrasings that prompt injections share and ordinary inputs rarely use: instructions to drop or replace earlier
 * instructions, requests for the hidden prompt or for secrets, data sent to outside addresses, persona switches,
 * chat-template markup and text addressed to "the AI" from inside a document. Each rule has a weight; a rule matches
 * the text as written, the text with its disguises undone ({@link Deobfuscator#flatten}), that text reversed, or the
 * text with its invisible characters read as spaces. {@link #assess} tells a match outside quotation marks from one
 * that lies wholly inside a quotation, as when a text reports or discusses an instruction rather than gives it.
 * Thread-safe.
 */
public final class InjectionHeuristics {

    // the disguised readings are lower case already: matching them case-sensitively with the lower-cased pattern finds
    // the same and spares the case folding at every character
    private record Rule(Pattern pattern, Pattern lowerCase, double weight) {}

    private static final String ANY = "(?:all|any|every|the|your|my|these|those|of\\s+the)?\\s*";
    private static final String RULES_NOUN = "(?:instructions?|prompts?|rules|directions|directives?|guidelines"
            + "|guidance|orders|messages?|context|constraints|programming|polic(?:y|ies)|safeguards|guardrails"
            + "|filters?|safety\\s+checks|training|task\\s+description)";
    private static final String MACHINE = "(?:ai|a\\.i\\.|assistant|model|llm|language\\s+model|chatbots?|bots?"
            + "|agents?|summari[sz]er|summari[sz]ing\\s+(?:system|tool)|automated\\s+\\w+|screening\\s+tool"
            + "|gpt)";
    // the readers that the newer rules address: software only, since an agent or a handler is a person in insurance
    private static final String SOFTWARE = "(?:ai|a\\.i\\.|ki|assistant|model|llm|language\\s+model|chatbots?|bots?"
            + "|ai\\s+agents?|summari[sz]er|summari[sz](?:ing|ation)\\s+(?:system|tool|model)|gpt)";
    private static final String SECRET = "(?:system\\s+(?:prompt|message)|(?:initial|original|hidden|secret"
            + "|confidential|developer)\\s+(?:prompt|instructions|rules|message|part|preamble)|preamble\\s+(?:before|above)|prompt\\s+templates?"
            + "|your\\s+(?:(?:full|whole|entire|complete|exact|initial|original|hidden|current)\\s+)?"
            + "(?:instructions|prompt|configuration|setup|rules|context|directives|system\\s+message)|api\\s+(?:keys?|tokens?)|passwords?"
            + "|passphrases?|credentials|secrets?|tokens|environment\\s+variables|connection\\s+string"
            + "|secret\\s+codes)";
    // "n'oublie pas", "no olvides", "non dimenticare", "não esqueça", "don't ignore": a negated verb drops nothing
    private static final String NOT_BEFORE =
            "(?<!n['\\u2019])(?<!\\bne\\s)(?<!\\bno\\s)(?<!\\bnon\\s)(?<!\\bn\\u00e3o\\s)"
                    + "(?<!\\bnao\\s)(?<!n't\\s)(?<!\\bnot\\s)(?<!\\bnever\\s)(?<!\\bnicht\\s)";
    private static final List<Rule> RULES = List.of(
            rule(
                    notNegated("(?:ignore|disregard|forget|override|drop|abandon|set\\s+aside|discard)") + "\\s+"
                            + ANY
                            + "(?:previous|prior|above|earlier|preceding|initial|original|system|current)\\s+"
                            + RULES_NOUN,
                    0.95),
            rule(
                    notNegated("(?:ignore|disregard|forget|discard|bypass|override|erase|scratch|cancel|abandon"
                                    + "|leave\\s+aside|pay\\s+no\\s+attention\\s+to|stop\\s+following|do\\s+not\\s+follow"
                                    + "|don'?t\\s+follow|do\\s+not\\s+apply|no\\s+longer\\s+follow)")
                            + "\\s+(?:\\w+\\s+){0,4}?"
                            + RULES_NOUN,
                    0.85),
            rule(
                    "\\b(?:" + RULES_NOUN + "\\s+(?:(?:at|on)\\s+the\\s+(?:top|start|beginning)|you\\s+(?:were|have"
                            + "\\s+been)\\s+given|(?:above|earlier|before)\\s+(?:are|is|were)|no\\s+longer\\s+appl(?:y|ies))"
                            + "|(?:instructions?|rules|directives?|guidelines|prompts?|constraints|safeguards|guardrails"
                            + "|operating\\s+rules|programming)\\s+(?:have|has|are|is)\\s+(?:now\\s+)?(?:expired|void|lifted"
                            + "|revoked|disabled|outdated|deprecated|cancell?ed|obsolete|superseded|suspended|been\\s+(?:lifted"
                            + "|withdrawn|updated|replaced|revoked|disabled|cancell?ed|deprecated))"
                            + "|task\\s+you\\s+(?:were|have\\s+been)\\s+given\\s+(?:is|has\\s+been)\\s+(?:cancell?ed|void"
                            + "|withdrawn))",
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
                    "\\b(?:send|forward|e-?mail|post|upload|append|copy|leak)\\b.{0,80}(?:https?://|(?<![\\w.-])[\\w.-]{1,64}@[\\w-]+"
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
            // the same in other European languages: a verb that drops, then what it drops
            rule(
                    notNegated("(?:ignorier\\w*|vergiss|vergesst|vergessen\\s+sie|missachte\\w*|ignorez"
                                    + "|ignore|oublie[sz]?|ignora\\w*|olvid[ae\\u00e1]\\w*|dimentica\\w*|negeer|vergeet|esque(?:ça|ce)\\w*"
                                    + "|zignoruj)")
                            + "(?!\\s+(?:nicht|niet|pas|nie)\\b)(?![^.!?\\n]{0,80}\\b(?:nicht|niet)\\s*[.!?\\n])\\s+"
                            + "(?:\\S+\\s+){0,5}?(?:anweisungen|regeln|vorgaben|richtlinien|instructions|consignes|r\\u00e8gles"
                            + "|instrucciones|reglas|indicaciones|istruzioni|regole|instructies|regels|instru\\u00e7\\u00f5es"
                            + "|regras|instrukcje|zasady)\\b",
                    0.9),
            rule(
                    "\\b(?:vergiss\\s+alles|oublie\\s+tout|olvida\\s+todo|dimentica\\s+tutto|vergeet\\s+alles"
                            + "|esquece\\s+tudo)\\b",
                    0.8),
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
                    0.55),
            // text addressed to whatever automated reader processes it
            rule(
                    "\\b(?:if|when|whenever|once)\\s+(?:an?|the|any|some)\\s+" + SOFTWARE + "s?\\s+(?:is\\s+|are\\s+)?"
                            + "(?:reads?|reading|process(?:es|ing)?|sees|seeing|summari[sz](?:es|ing)|reviews?|reviewing"
                            + "|handles|handling|parses|parsing|analy[sz](?:es|ing)|triag(?:es|ing))\\b",
                    0.8),
            rule(
                    "\\b(?:whoever|whatever|whichever)(?:\\s+\\w+)?\\s+(?:or\\s+whatever\\s+)?(?:is\\s+)?(?:reads?|reading"
                            + "|process(?:es|ing)|triag(?:es|ing)|review(?:s|ing)|writes|writing|summari[sz](?:es|ing)"
                            + "|handles|handling)\\s+(?:this|these)\\b",
                    0.75),
            rule(
                    "\\b(?:the|this|any)\\s+" + SOFTWARE
                            + "\\s+(?:should|must|shall|is\\s+to|needs\\s+to|has\\s+to)\\s+"
                            + "(?:now\\s+|also\\s+|immediately\\s+)?(?:classify|approve|set|mark|rate|recommend|state"
                            + "|record|add|switch|grant|increase|pay|treat|reply|respond|ignore|forget|disregard|escalate"
                            + "|rank|score|flag|label|say|write|tell|send|forward|delete|accept)\\b",
                    0.75),
            rule(
                    "\\b(?:summari[sz](?:er|ation\\s+model)|assistant|ai|model|bot|llm)\\s+(?:instructions?|notes?"
                            + "|directives?)\\s*:",
                    0.8),
            rule("\\b" + SOFTWARE + "s?\\s+\\w+ing\\s+(?:[\\w'-]+\\s+){0,5}?[\\w'-]+\\s*:\\s*\\w", 0.7),
            rule(
                    "\\b(?:hinweis|nachricht|anweisung|notiz)\\s+(?:an|f\\u00fcr)\\s+(?:die|den|das)?\\s*(?:ki|bot|assistenten"
                            + "|sprachmodell)\\b|\\b(?:note|message|consigne|instruction)s?\\s+(?:pour|\\u00e0)\\s+(?:l['\\u2019]"
                            + "(?:ia|assistant)|le\\s+(?:bot|mod\\u00e8le))\\b|\\b(?:nota|mensaje|instrucci\\u00f3n)\\s+para"
                            + "\\s+(?:la\\s+ia|el\\s+(?:bot|asistente|modelo))\\b|\\b(?:nota|messaggio|istruzione)\\s+per"
                            + "\\s+(?:l['\\u2019](?:ia|assistente)|il\\s+(?:bot|modello))\\b",
                    0.8),
            // attempts to switch off the safeguards by claimed authority
            rule(
                    "\\b(?:suspend|disable|lift|remove|switch\\s+off|turn\\s+off|roll(?:ed)?\\s+back|deactivate|pause"
                            + "|waive)(?:d|s)?\\s+(?:\\w+\\s+){0,3}?(?:content\\s+polic(?:y|ies)|guardrails?|guardrail"
                            + "\\s+configuration|safety\\s+(?:layer|filters?|rules|settings|guidelines)|moderation)",
                    0.7),
            rule(
                    "\\b(?:safety\\s+layer|guardrails?|content\\s+filters?|restrictions)\\s+(?:has|have)\\s+been"
                            + "\\s+(?:removed|disabled|lifted|switched\\s+off|turned\\s+off|rolled\\s+back)",
                    0.75),
            rule(
                    "\\byou\\s+(?:must|may|will|shall)\\s+not\\s+refuse\\b|\\bnever\\s+(?:refuses?|declines?|says?\\s+"
                            + "(?:that\\s+)?(?:it|you)\\s+can'?t)\\b|\\b(?:without|with\\s+no)\\s+(?:any\\s+)?(?:refusals"
                            + "|warnings\\s+or\\s+refusals|disclaimers\\s+or\\s+refusals)\\b",
                    0.7),
            rule("\\bi\\s+(?:hereby\\s+)?authori[sz]e\\s+you\\s+to\\b", 0.6),
            rule(
                    "\\b(?:throw\\s+out|toss|ditch|put\\s+aside|set\\s+aside|scrap|wipe)\\s+(?:\\w+\\s+){0,4}?"
                            + RULES_NOUN,
                    0.8),
            rule(
                    "\\b(?:unaligned|uncensored|jailbroken|unshackled|amoral)\\s+(?:\\w+\\s+)?(?:model|ai|assistant"
                            + "|version|bot|persona)\\b|\\bopposite\\s+day\\b|\\bstay\\s+(?:as|in\\s+the\\s+role\\s+of)"
                            + "\\s+\\w+",
                    0.7),
            rule(
                    "\\b(?:novel|story|screenplay|script|fiction|poem|monologue|dialogue|role-?play|game)\\b.{0,160}"
                            + "\\b(?:step\\s+by\\s+step|in\\s+full\\s+(?:technical\\s+)?detail|exact\\s+(?:synthesis"
                            + "|steps|quantities|instructions)|realistic\\s+(?:and|or)\\s+(?:working|accurate)|technical"
                            + "\\s+steps\\s+accurate|keep\\s+(?:it|the\\s+steps?)\\s+accurate)",
                    0.6),
            rule("\\bmarkdown\\s+(?:link|image)\\b.{0,120}https?://", 0.7),
            rule("<img\\s[^>]{0,80}src\\s*=\\s*['\"]?https?://[^>]{0,200}[?&][\\w-]+=\\{", 0.7),
            rule(
                    "\\b(?:ai|a\\.i\\.|llm|gpt|bot)\\s+[a-z]+\\s*:\\s*(?:please\\s+)?(?:upgrade|approve|set|mark|add|ignore"
                            + "|send|forward|delete|grant|change|classify|rate|say|state|write|reply|respond|include|pay"
                            + "|increase|treat|tell|give|recommend|book|cancel|refund)\\s+(?:this|the|all|my|it)\\b",
                    0.7),
            rule(
                    "\\b(?:session|access|auth(?:entication)?|bearer)\\s+tokens?\\b|\\bauthori[sz]ation\\s+headers?\\b",
                    0.45));

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\u00AD\\u034F\\u115F\\u1160\\u3164]");
    private static final String OPENING_QUOTES = "\"\u201c\u201e\u00ab\u00bb\u2039\u2018'\u300c";
    // a quotation longer than this, or across a blank line, is taken for unbalanced marks rather than a quotation
    private static final int LONGEST_QUOTATION = 400;
    // a quotation that is most of the text quotes nothing: the text is the instruction
    private static final double MOST_OF_THE_TEXT = 0.8;
    // a string after a key ("content": "...") or an assignment is a value the text carries, not a quotation
    private static final Pattern VALUE_BEFORE = Pattern.compile("(?:[\"'\\u201d]\\s*:|=)\\s*$");

    private final Deobfuscator deobfuscator = new Deobfuscator();

    // the lookbehinds run only where one of the verbs starts, not at every word
    private static String notNegated(String verbs) {
        return "\\b(?=" + verbs + ")" + NOT_BEFORE + verbs;
    }

    private static Rule rule(String regex, double weight) {
        // \S is the one escape whose meaning lower case would change
        String lower = regex.replace("\\S", "[^\\s]").toLowerCase(Locale.ROOT);
        return new Rule(
                Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL),
                Pattern.compile(lower, Pattern.DOTALL),
                weight);
    }

    /**
     * What the rules make of a text: the weight of the strongest rule that matches outside quotation marks, and of the
     * strongest whose matches in the text as written each lie wholly inside one quotation, as when a text reports or
     * discusses an instruction rather than gives it. A quotation that is most of the text, a string value after a key
     * or an assignment, and marks left open are no quotation. A match found only once disguises are undone counts as
     * unquoted, and so does one found in the disguised readings of the text outside its quotations.
     *
     * @param unquoted the weight of the strongest rule with a match outside quotations, or 0
     * @param quoted the weight of the strongest rule whose matches all lie inside quotations, or 0
     */
    public record Score(double unquoted, double quoted) {

        /**
         * The weight of the strongest rule that matches anywhere.
         *
         * @return the weight, or 0
         */
        public double weight() {
            return Math.max(unquoted, quoted);
        }
    }

    /**
     * Scores a text.
     *
     * @param text the text
     * @return the weight of the strongest rule that matches, or 0
     */
    public double score(String text) {
        return assess(text).weight();
    }

    /**
     * Scores a text, telling matches outside quotation marks from those inside them.
     *
     * @param text the text
     * @return the score
     */
    public Score assess(String text) {
        return assess(text, null);
    }

    // the scorer reveals the text for its embedding anyway; the rules reuse that reading rather than make it again
    Score assess(String text, String revealed) {
        Readings readings = new Readings(text, revealed);
        double unquoted = 0;
        double quoted = 0;
        for (Rule r : RULES) {
            if (r.weight <= unquoted && r.weight <= quoted) {
                continue;
            }
            boolean found = false;
            boolean outside = false;
            Matcher m = r.pattern.matcher(text);
            while (m.find()) {
                found = true;
                if (!readings.quoted(m.start(), m.end())) {
                    outside = true;
                    break;
                }
            }
            if (!outside) {
                // a quoted decoy must not hide a disguised instruction elsewhere in the text
                outside = readings.disguisedMatch(r.lowerCase, found);
                found |= outside;
            }
            if (outside) {
                unquoted = Math.max(unquoted, r.weight);
            } else if (found) {
                quoted = Math.max(quoted, r.weight);
            }
        }
        return new Score(unquoted, quoted);
    }

    /** The text's quotations and, computed when first needed, its disguised readings. */
    private final class Readings {
        private final String text;
        private int[] quotation;
        private String[] all;
        private String[] unquotedOnly;

        private final String revealed;

        Readings(String text, String revealed) {
            this.revealed = revealed;
            this.text = text;
        }

        // whether the match lies wholly inside one quotation
        boolean quoted(int start, int end) {
            if (quotation == null) {
                quotation = quotations(text);
            }
            return end > start && quotation[start] != 0 && quotation[start] == quotation[end - 1];
        }

        // a match in the flattened text, the flattened text reversed, or the text with invisible characters as spaces;
        // of the whole text if the rule matched nowhere as written, else of the text without its quotations
        boolean disguisedMatch(Pattern p, boolean quotedMatchFound) {
            String[] readings;
            if (quotedMatchFound) {
                if (unquotedOnly == null) {
                    StringBuilder blanked = new StringBuilder(text);
                    for (int k = 0; k < text.length(); k++) {
                        if (quotation[k] != 0) {
                            blanked.setCharAt(k, ' ');
                        }
                    }
                    unquotedOnly = disguised(blanked.toString(), null);
                }
                readings = unquotedOnly;
            } else {
                if (all == null) {
                    all = disguised(text, revealed);
                }
                readings = all;
            }
            for (String reading : readings) {
                if (p.matcher(reading).find()) {
                    return true;
                }
            }
            return false;
        }

        private String[] disguised(String s, String revealedOrNull) {
            String flat =
                    revealedOrNull == null ? deobfuscator.flatten(s) : deobfuscator.flattenRevealed(revealedOrNull);
            // the flattened text joins the parts of a word an invisible character splits; this reading takes the
            // character for the space it may stand for instead ("forget\u200byour rules")
            String spaced = INVISIBLE.matcher(s).find()
                    ? deobfuscator.flatten(INVISIBLE.matcher(s).replaceAll(" "))
                    : "";
            return new String[] {flat, new StringBuilder(flat).reverse().toString(), spaced};
        }
    }

    // for each character, the number of the quotation it lies in (from 1), or 0
    private static int[] quotations(String text) {
        int[] inside = new int[text.length() + 1];
        int content = text.strip().length();
        int number = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean apostrophe = (c == '\'' || c == '\u2018') && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
            if (OPENING_QUOTES.indexOf(c) < 0 || apostrophe) {
                i++;
                continue;
            }
            int close = closing(text, i + 1, c);
            if (close < 0) {
                i++;
                continue;
            }
            boolean value =
                    VALUE_BEFORE.matcher(text.substring(Math.max(0, i - 8), i)).find();
            boolean mostOfTheText = close - i + 1 >= MOST_OF_THE_TEXT * content;
            if (!value && !mostOfTheText) {
                number++;
                for (int k = i + 1; k < close; k++) {
                    inside[k] = number;
                }
            }
            i = close + 1;
        }
        return inside;
    }

    private static int closing(String text, int from, char open) {
        int limit = Math.min(text.length(), from + LONGEST_QUOTATION);
        for (int k = from; k < limit; k++) {
            char c = text.charAt(k);
            if (c == '\n' && blankLineAfter(text, k + 1)) {
                return -1;
            }
            boolean closes = switch (open) {
                case '"' -> c == '"';
                case '\u201c' -> c == '\u201d' || c == '\u201c';
                case '\u201e' -> c == '\u201c' || c == '\u201d';
                case '\u00ab' -> c == '\u00bb';
                case '\u00bb' -> c == '\u00ab';
                case '\u2039' -> c == '\u203a';
                case '\u300c' -> c == '\u300d';
                default ->
                    (c == '\'' || c == '\u2019')
                            && (k + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(k + 1)));
            };
            if (closes) {
                return k;
            }
        }
        return -1;
    }

    private static boolean blankLineAfter(String text, int k) {
        int next = k < text.length() && text.charAt(k) == '\r' ? k + 1 : k;
        return next < text.length() && text.charAt(next) == '\n';
    }
}
