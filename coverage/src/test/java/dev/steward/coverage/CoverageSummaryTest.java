package dev.steward.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoverageSummaryTest {

    private static final String HEADER = "GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,"
            + "BRANCH_COVERED,LINE_MISSED,LINE_COVERED,COMPLEXITY_MISSED,COMPLEXITY_COVERED,METHOD_MISSED,"
            + "METHOD_COVERED";

    @Test
    void addsUpLinesPerModuleAndInTotalMarkingTheFlooredModules() {
        List<String> out = CoverageSummary.summarize(
                List.of(
                        HEADER,
                        "Steward Coverage/steward-core,dev.steward.core,Steward,0,0,0,0,10,30,0,0,0,0",
                        "Steward Coverage/steward-core,dev.steward.core.budget,Ceiling,0,0,0,0,0,20,0,0,0,0",
                        "Steward Coverage/steward-api,dev.steward.api,Money,0,0,0,0,15,5,0,0,0,0"),
                "0.80",
                Set.of("steward-core"));

        assertThat(out)
                .containsExactly(
                        "Line coverage by all tests that ran in the build's JVMs;"
                                + " * = at least 80.0 % by its own unit tests, checked",
                        "  steward-api              25.0 %        5 of     20 lines",
                        "  steward-core *           83.3 %       50 of     60 lines",
                        "  total                    68.8 %       55 of     80 lines");
    }

    @Test
    void showsAModuleWithoutLinesWithoutDividingByZero() {
        List<String> out = CoverageSummary.summarize(
                List.of(HEADER, "steward-api,dev.steward.api,Marker,0,0,0,0,0,0,0,0,0,0"), null, Set.of());

        assertThat(out).contains("  steward-api                   -        0 of      0 lines");
    }

    @Test
    void reportsAnUnexpectedHeaderInsteadOfFailing() {
        assertThat(CoverageSummary.summarize(List.of("A,B,C", "1,2,3"), null, Set.of()))
                .singleElement()
                .asString()
                .startsWith("Coverage report has no GROUP");
        assertThat(CoverageSummary.summarize(List.of(), null, Set.of())).containsExactly("Coverage report is empty");
    }
}
