package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRejectedException;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.CapabilityDeniedException;
import dev.steward.api.CapabilityDisabledException;
import dev.steward.api.ConfigurationException;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.RateLimitedException;
import dev.steward.api.StewardException;
import dev.steward.core.web.ErrorView;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steward's exceptions become HTTP statuses with a JSON error body an HTTP client can act on. */
class StewardExceptionMapperTest {

    private final StewardExceptionMapper mapper = new StewardExceptionMapper();

    @Test
    void pendingApprovalIsAcceptedWithTheApprovalId() {
        Response response =
                mapper.toResponse(new ApprovalPendingException("claims.adjust", "A-1", "held for a supervisor"));

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(response.getEntity())
                .isEqualTo(new ErrorView("approval-pending", "held for a supervisor", "claims.adjust", "A-1"));
    }

    @Test
    void disabledCapabilityIsUnavailableRatherThanForbidden() {
        Response response = mapper.toResponse(new CapabilityDisabledException("claims.summarize", "adjuster1"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(error(response).error()).isEqualTo("capability-disabled");
        assertThat(error(response).capability()).isEqualTo("claims.summarize");
    }

    @Test
    void deniedCapabilityIsForbidden() {
        Response response =
                mapper.toResponse(new CapabilityDeniedException("claims.summarize", "clerk1", "clerk1 may not"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(error(response))
                .isEqualTo(new ErrorView("capability-denied", "clerk1 may not", "claims.summarize", null));
    }

    @Test
    void approvalByTheWrongPersonIsForbidden() {
        Response response = mapper.toResponse(new ApprovalNotAllowedException("claims.adjust", "own request"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(error(response).error()).isEqualTo("approval-not-allowed");
    }

    @Test
    void rejectedApprovalIsAConflictNamingTheRequest() {
        Response response = mapper.toResponse(
                new ApprovalRejectedException("claims.adjust", "A-2", "supervisor1", "rejected by supervisor1"));

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(error(response))
                .isEqualTo(new ErrorView("approval-rejected", "rejected by supervisor1", "claims.adjust", "A-2"));
    }

    @Test
    void rateLimitIsTooManyRequestsWithRetryAfterInWholeSecondsAtLeastOne() {
        Response later =
                mapper.toResponse(new RateLimitedException("claims.summarize", "slow down", Duration.ofSeconds(7)));
        Response soon =
                mapper.toResponse(new RateLimitedException("claims.summarize", "slow down", Duration.ofMillis(200)));

        assertThat(later.getStatus()).isEqualTo(429);
        assertThat(error(later).error()).isEqualTo("rate-limited");
        assertThat(later.getHeaderString("Retry-After")).isEqualTo("7");
        assertThat(soon.getHeaderString("Retry-After")).isEqualTo("1");
    }

    @Test
    void rateLimitWithoutARetryHintHasNoRetryAfterHeader() {
        Response response = mapper.toResponse(new RateLimitedException("claims.summarize", "slow down", null));

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void spentBudgetIsTooManyRequestsWithoutRetryAfter() {
        Response response = mapper.toResponse(
                new BudgetExceededException("claims.draft-letter", "DAY", "the DAY ceiling is spent"));

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(error(response).error()).isEqualTo("budget-exceeded");
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void noAnsweringProviderIsServiceUnavailable() {
        Response response = mapper.toResponse(
                new InferenceUnavailableException("claims.summarize", "no provider answered", List.of(), null));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(error(response).error()).isEqualTo("inference-unavailable");
    }

    @Test
    void anyOtherStewardExceptionIsAnInternalError() {
        StewardException e = new ConfigurationException("steward.route.default.providers", "no such provider");

        Response response = mapper.toResponse(e);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(error(response).error()).isEqualTo("steward-error");
        assertThat(error(response).message()).isEqualTo(e.getMessage());
    }

    private static ErrorView error(Response response) {
        return (ErrorView) response.getEntity();
    }
}
