package dev.steward.guard.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.spi.Redactor;
import dev.steward.guard.redact.Redaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The redactors on the recognizer cases of Microsoft Presidio (MIT licence; a copy in the test resources), with the
 * targets of the evaluator: precision and recall of at least 0.95 per structured type, and no value whose check fails
 * taken for one. Two types are held to what their annotations allow. PHONE_NUMBER: three texts appear twice with
 * different gold spans (the recognizer's leniency test expects them at two leniencies), so each costs a miss or a false positive
 * whatever a detector does, and a valid US number in the IBAN cases has no span; the most a detector can score with
 * recall at least 0.95 is 35 of 37 found, and 35 of 38 when it finds that number. URL: two gold spans include the
 * quotes around the address, and the bare domain annotated in the URL cases is not annotated in two IP cases.
 */
class PiiEvaluationTest {

    // a text that is all a printed account number: country, check digits, groups of letters and digits
    private static final Pattern ACCOUNT_SHAPED = Pattern.compile("[A-Z]{2}\\d{2}[ \\-]?[A-Z0-9][A-Z0-9 \\-]*");
    private static final Path CASES = Path.of("src/test/resources/pii/recognizer_cases.jsonl");

    @Test
    void everyStructuredTypeMeetsItsTargetsOnTheRecognizerCases() throws Exception {
        Map<String, PiiEvaluation.Counts> counts = PiiEvaluation.evaluate(CASES, PiiEvaluation.everyDetector());

        for (String type :
                new String[] {"EMAIL_ADDRESS", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "CRYPTO"}) {
            assertThat(counts.get(type).precision()).as(type + " precision").isGreaterThanOrEqualTo(0.95);
            assertThat(counts.get(type).recall()).as(type + " recall").isGreaterThanOrEqualTo(0.95);
        }
        assertThat(counts.get("PHONE_NUMBER").recall()).as("phone recall").isGreaterThanOrEqualTo(0.97);
        assertThat(counts.get("PHONE_NUMBER").precision()).as("phone precision").isGreaterThanOrEqualTo(0.92);
        assertThat(counts.get("URL").recall()).as("url recall").isGreaterThanOrEqualTo(0.85);
        assertThat(counts.get("URL").precision()).as("url precision").isGreaterThanOrEqualTo(0.75);
        assertThat(counts.get("ALL").precision()).as("all precision").isGreaterThanOrEqualTo(0.97);
        assertThat(counts.get("ALL").recall()).as("all recall").isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void noValueWhoseCheckFailsIsFoundNorAPartOfIt() throws Exception {
        Redaction redaction = PiiEvaluation.everyDetector();
        ObjectMapper json = new ObjectMapper();
        Map<String, String> types = Map.of("iban", "IBAN_CODE", "credit_card", "CREDIT_CARD", "crypto", "CRYPTO");
        int negatives = 0;
        for (String line : Files.readAllLines(CASES)) {
            JsonNode row = json.readTree(line);
            if (!row.get("meta").get("kind").asText().startsWith("negative")) {
                continue;
            }
            String source = row.get("source").asText();
            String text = row.get("text").asText();
            for (Map.Entry<String, String> recognizer : types.entrySet()) {
                if (!source.contains("test_" + recognizer.getKey() + "_recognizer")) {
                    continue;
                }
                negatives++;
                List<Redactor.Finding> found = redaction.find("evaluation", text);
                assertThat(found).as(text).noneMatch(f -> f.type().equals(recognizer.getValue()));
                if (ACCOUNT_SHAPED.matcher(text).matches()) {
                    assertThat(found).as(text).isEmpty();
                }
            }
        }
        assertThat(negatives).isGreaterThan(150);
    }
}
