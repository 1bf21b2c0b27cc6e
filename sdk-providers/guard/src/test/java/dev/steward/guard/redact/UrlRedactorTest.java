package dev.steward.guard.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.spi.Redactor.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlRedactorTest {

    private final UrlRedactor url = new UrlRedactor();

    private List<String> found(String text) {
        return url.find(text).stream()
                .map(f -> text.substring(f.start(), f.end()))
                .toList();
    }

    @Test
    void findsAddressesWithASchemeWithTheirPathQueryAndPort() {
        assertThat(found("see https://shop.example.org:8443/orders/991?customer=jane.doe%40mail.com#x now"))
                .containsExactly("https://shop.example.org:8443/orders/991?customer=jane.doe%40mail.com#x");
        assertThat(found("ftp://files.example.net/pub and http://10.0.0.7/admin"))
                .containsExactly("ftp://files.example.net/pub", "http://10.0.0.7/admin");
        assertThat(found("any top-level domain: http://example.vlaanderen"))
                .containsExactly("http://example.vlaanderen");
    }

    @Test
    void findsWwwAddressesAndBareDomainsWithACommonEnding() {
        assertThat(found("www.example.de/profile/jane, example.com and example.co.il"))
                .containsExactly("www.example.de/profile/jane", "example.com", "example.co.il");
    }

    @Test
    void leavesOutPunctuationThatEndsTheSentenceOrClosesWhatTheAddressDidNotOpen() {
        assertThat(
                        found(
                                "Open https://example.com/a/b. Then (see https://example.com/wiki/Foo_(bar)) or \"www.example.com\"!"))
                .containsExactly("https://example.com/a/b", "https://example.com/wiki/Foo_(bar)", "www.example.com");
    }

    @Test
    void leavesFileNamesAndEmailAddressesAlone() {
        assertThat(url.find("edit README.md and setup.py, then mail jane@example.com or see notes.txt"))
                .isEmpty();
    }

    @Test
    void reportsWhereTheAddressIs() {
        assertThat(url.find("go to https://example.com/x")).containsExactly(new Finding(6, 27, "URL"));
    }
}
