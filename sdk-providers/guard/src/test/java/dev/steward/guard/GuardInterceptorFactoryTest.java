package dev.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.Redactor;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardInterceptorFactoryTest {

    private static final String TEXT = "Reset it at https://example.com/reset?user=jane, or call +44 20 7123 4567.";

    @Test
    void runsEveryBuiltInRedactorButUrlUnlessTold() {
        assertThat(GuardInterceptorFactory.redaction(ConfigValues.of(Map.of())).find("c", TEXT))
                .extracting(Redactor.Finding::type)
                .containsExactly("PHONE_NUMBER");
        assertThat(GuardInterceptorFactory.builtInDetectors()).endsWith("url");
        // the default the README's configuration table gives
        assertThat(String.join(",", GuardInterceptorFactory.DEFAULT_DETECTORS))
                .isEqualTo("credit-card,iban,crypto,us-ssn,email,ip-address,date-of-birth,phone");
    }

    @Test
    void redactsWebAddressesWhenUrlIsNamed() {
        ConfigValues config = ConfigValues.of(Map.of(ConfigKeys.GUARD_REDACTION_DETECTORS, "phone, url"));
        assertThat(GuardInterceptorFactory.redaction(config).find("c", TEXT))
                .extracting(Redactor.Finding::type)
                .containsExactly("URL", "PHONE_NUMBER");
    }

    private static List<String> found(Map<String, String> config, String text) {
        return GuardInterceptorFactory.redaction(ConfigValues.of(config)).find("c", text).stream()
                .map(f -> text.substring(f.start(), f.end()) + "=" + f.type())
                .toList();
    }

    @Test
    void findsANationalNumberOnlyOfTheConfiguredRegions() {
        // a Berlin number as Germans write it: no country code, the trunk prefix 0
        String text = "Bitte rufen Sie mich unter 030 12345678 an.";

        assertThat(found(Map.of(ConfigKeys.GUARD_REDACTION_PHONE_REGIONS, "US, DE"), text))
                .containsExactly("030 12345678=PHONE_NUMBER");
        // not GB: its 03 numbers have eleven digits too, so a British reading would find it
        assertThat(found(Map.of(ConfigKeys.GUARD_REDACTION_PHONE_REGIONS, "US, FR"), text))
                .isEmpty();
        // the same number with its country code is found whatever the regions
        assertThat(found(Map.of(ConfigKeys.GUARD_REDACTION_PHONE_REGIONS, "US"), "call +49 30 12345678 now"))
                .containsExactly("+49 30 12345678=PHONE_NUMBER");
    }

    @Test
    void anUnknownPhoneRegionFailsNamingTheKey() {
        assertThatThrownBy(() -> GuardInterceptorFactory.redaction(
                        ConfigValues.of(Map.of(ConfigKeys.GUARD_REDACTION_PHONE_REGIONS, "US, XX"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(ConfigKeys.GUARD_REDACTION_PHONE_REGIONS)
                .hasMessageContaining("XX");
    }

    @Test
    void findsADateOfBirthOnlyAfterABirthCue() {
        Map<String, String> dob = Map.of(ConfigKeys.GUARD_REDACTION_DETECTORS, "date-of-birth");

        assertThat(found(dob, "The claimant, born 3 May 1980, reported the theft on 12/04/2024."))
                .containsExactly("3 May 1980=DATE_OF_BIRTH");
        assertThat(found(dob, "Policyholder DOB: 1975-11-30; policy since 2019-01-01."))
                .containsExactly("1975-11-30=DATE_OF_BIRTH");
        assertThat(found(dob, "The accident happened on 3 May 1980 and was reported on 1975-11-30."))
                .isEmpty();
        // a cue followed by something that is no calendar date
        assertThat(found(dob, "Born 31/02/1980 says the form, which cannot be."))
                .isEmpty();
    }

    @Test
    void findsTheDeploymentsPatternsAndDenyListTermsUnderTheirTypes() {
        Map<String, String> config = Map.of(
                ConfigKeys.GUARD_REDACTION_DETECTORS,
                "email",
                "steward.guard.redaction.pattern.POLICY_NUMBER",
                "POL-\\d{6}",
                "steward.guard.redaction.deny-list.PROJECT",
                "Bluebird, Night Owl");

        assertThat(found(config, "Policy POL-123456 (not POL-12) belongs to project night owl, not Bluebirds."))
                .containsExactly("POL-123456=POLICY_NUMBER", "night owl=PROJECT");
    }

    @Test
    void aBadPatternOrAnEmptyDenyListFailsNamingItsKey() {
        assertThatThrownBy(() -> GuardInterceptorFactory.redaction(
                        ConfigValues.of(Map.of("steward.guard.redaction.pattern.POLICY_NUMBER", "POL-(\\d"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.guard.redaction.pattern.POLICY_NUMBER");
        assertThatThrownBy(() -> GuardInterceptorFactory.redaction(
                        ConfigValues.of(Map.of("steward.guard.redaction.deny-list.PROJECT", " , "))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.guard.redaction.deny-list.PROJECT");
    }

    @Test
    void runsTheRedactorsThatServiceLoaderFindsBesideTheBuiltInOnes() {
        // EmployeeIdRedactor is registered in META-INF/services of the test classpath
        assertThat(found(Map.of(), "Badge EMP#04711 called from +44 20 7123 4567."))
                .containsExactlyInAnyOrder("EMP#04711=EMPLOYEE_ID", "+44 20 7123 4567=PHONE_NUMBER");
        // also when the built-in detectors are narrowed
        assertThat(found(Map.of(ConfigKeys.GUARD_REDACTION_DETECTORS, "email"), "Badge EMP#04711."))
                .containsExactly("EMP#04711=EMPLOYEE_ID");
    }
}
