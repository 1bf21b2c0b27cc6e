package dev.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class AuditFailedExceptionTest {

    @Test
    void carriesTheCapabilityTheRecordAndTheSinksFailure() {
        IOException cause = new IOException("disk full");
        AuditFailedException e = new AuditFailedException(
                "claims.summarize", "audit record r-1 of 'claims.summarize' could not be stored", cause);

        assertThat(e).isInstanceOf(StewardException.class).isInstanceOf(RuntimeException.class);
        assertThat(e.capability()).isEqualTo("claims.summarize");
        assertThat(e.getMessage()).isEqualTo("audit record r-1 of 'claims.summarize' could not be stored");
        assertThat(e.getCause()).isSameAs(cause);
    }

    @Test
    void isRetriableBecauseTheSinkMayRecover() {
        AuditFailedException e = new AuditFailedException("claims.summarize", "sink unavailable", null);

        assertThat(e.isRetriable()).isTrue();
    }

    @Test
    void mayNameNoCapabilityWhenTheSinkDoesNotKnowIt() {
        AuditFailedException e = new AuditFailedException(null, "audit sink closed", null);

        assertThat(e.capability()).isNull();
        assertThat(e.getCause()).isNull();
    }
}
