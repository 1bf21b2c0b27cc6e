package dev.steward.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A caller's correlation id is kept only when short and visible ASCII; a replaced one is known by its hash. */
class CorrelationIdsTest {

    @Test
    void keepsAnIdOfUpTo128VisibleAsciiCharacters() {
        String longest = "a".repeat(128);

        assertThat(CorrelationIds.resolve(Optional.of("corr-42"))).isEqualTo("corr-42");
        assertThat(CorrelationIds.resolve(Optional.of(longest))).isEqualTo(longest);
        assertThat(CorrelationIds.resolve(Optional.of("!~{}|/:=+"))).isEqualTo("!~{}|/:=+");
    }

    @Test
    void replacesALongerIdOrOneWithSpacesControlOrNonAsciiCharacters() {
        for (String hostile : new String[] {"a".repeat(129), "corr 42", "corr\t42", "corr\n42", "corré", "\u0000"}) {
            String resolved = CorrelationIds.resolve(Optional.of(hostile));
            assertThat(resolved).as(hostile).isNotEqualTo(hostile).hasSize(36);
            assertThat(CorrelationIds.acceptable(resolved)).isTrue();
        }
        assertThat(CorrelationIds.resolve(Optional.empty())).hasSize(36);
    }

    @Test
    void hashesTheOriginalWithSha256InLowerCaseHex() {
        // the SHA-256 of "abc", FIPS 180-2 appendix B.1
        assertThat(CorrelationIds.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
