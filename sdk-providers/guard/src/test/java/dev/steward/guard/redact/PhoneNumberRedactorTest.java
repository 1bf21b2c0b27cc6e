package dev.steward.guard.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.steward.api.spi.Redactor.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneNumberRedactorTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private final PhoneNumberRedactor phone = new PhoneNumberRedactor(PhoneNumberRedactor.DEFAULT_REGIONS);

    @Test
    void findsWhatSearchingEveryRegionEverywhereFinds() {
        PhoneNumberRedactor exhaustive = new PhoneNumberRedactor(PhoneNumberRedactor.DEFAULT_REGIONS, true);
        List<String> texts = new ArrayList<>();
        for (String region : PhoneNumberRedactor.DEFAULT_REGIONS) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber number = PHONES.getExampleNumberForType(region, type);
                if (number == null) {
                    continue;
                }
                for (PhoneNumberFormat format : PhoneNumberFormat.values()) {
                    texts.add("Call me at " + PHONES.format(number, format) + " tomorrow.");
                }
                texts.add("from abroad: " + PHONES.formatOutOfCountryCallingNumber(number, "DE") + ", or");
                texts.add("from the US (" + PHONES.formatOutOfCountryCallingNumber(number, "US") + ")");
                texts.add("phone number " + PHONES.getNationalSignificantNumber(number));
                texts.add("ref " + PHONES.getNationalSignificantNumber(number) + "0042 and 7 "
                        + PHONES.format(number, PhoneNumberFormat.NATIONAL) + "/12");
            }
        }
        texts.add("card 4012-8888-8888-1881, IBAN DE89 3704 0044 0532 0130 00, host 192.168.100.100");
        texts.add("order 2024-03-01 12:30, invoice 00417164300, ticket 4155550132x");

        int found = 0;
        for (String text : texts) {
            List<Finding> fast = phone.find(text);
            assertThat(new HashSet<>(fast)).as(text).isEqualTo(new HashSet<>(exhaustive.find(text)));
            found += fast.size();
        }
        assertThat(found).isGreaterThan(texts.size() / 2);
    }

    @Test
    void findsANumberOnceThoughSeveralRegionsReadIt() {
        assertThat(phone.find("My US number is (415) 555-0132, or 415-555-0132."))
                .containsExactly(new Finding(16, 30, "PHONE_NUMBER"), new Finding(35, 47, "PHONE_NUMBER"));
    }

    @Test
    void leavesTheDigitGroupsOfAPrintedAccountNumberAlone() {
        // the check digits of both are wrong: they are no IBAN, and their last groups no phone number either
        assertThat(phone.find("NL91 ABNA 0417 1643 01")).isEmpty();
        assertThat(phone.find("Account GB83 WEST 1234 5698 7654 32, thanks")).isEmpty();
        assertThat(phone.find("Tel. 020 7123 4567")).hasSize(1);
    }

    @Test
    void leavesNumbersInsideAnIpAddressAlone() {
        assertThat(phone.find("gateway 255.255.255.0 and 10.100.200.255")).isEmpty();
    }
}
