package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalStatus;
import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.Steward;
import dev.steward.core.web.ErrorView;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Decision bodies that are not {@code {"reason": "..."}} are refused with a JSON 400, and bodies over
 * {@code steward.cdi.rest.max-body-bytes} with a 413 before more than the limit is read; the request stays pending.
 */
@EnableWeld
class HostileRequestBodyTest {

    private static final int LIMIT = 1024;

    private final TestConfig config = TestConfig.install(withLimit());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(ClaimsService.class, TestProvider.class, TestSecurityContext.class))
            .build();

    @Inject
    ClaimsService claims;

    @Inject
    TestSecurityContext security;

    @Inject
    Steward steward;

    private final StewardApprovalResource resource = new StewardApprovalResource();

    @AfterEach
    void releaseConfig() {
        config.release();
    }

    private static Map<String, String> withLimit() {
        Map<String, String> values = TestConfig.baseline();
        values.put("steward.cdi.rest.max-body-bytes", Integer.toString(LIMIT));
        return values;
    }

    @Test
    void refusesMalformedJsonWithBadRequestSayingWhere() {
        String id = heldAdjustment();

        ErrorView error = refusal(400, () -> resource.approve(id, null, json("{\"reason\": ")));

        assertThat(error.error()).isEqualTo("malformed-json");
        assertThat(error.message()).startsWith("the body is not valid JSON at line 1");
        assertThat(steward.approvals().find(id).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void refusesWronglyTypedJsonWithBadRequest() {
        String id = heldAdjustment();

        assertThat(refusal(400, () -> resource.approve(id, null, json("{\"reason\": 42}")))
                        .message())
                .isEqualTo("reason must be a string or null, was a JSON number");
        assertThat(refusal(400, () -> resource.approve(id, null, json("[\"fine\"]")))
                        .error())
                .isEqualTo("bad-body");
        assertThat(refusal(400, () -> resource.reject(id, null, json("{\"reason\": \"x\", \"approver\": \"me\"}")))
                        .message())
                .contains("unknown field 'approver'");
        assertThat(refusal(400, () -> resource.reject(id, null, json("{\"reason\": \"a\", \"reason\": \"b\"}")))
                        .error())
                .isEqualTo("malformed-json");
        assertThat(refusal(400, () -> resource.reject(id, null, json("{\"reason\": \"a\"} {}")))
                        .error())
                .isEqualTo("malformed-json");
        assertThat(steward.approvals().find(id).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void acceptsAnEmptyBodyAndANullReason() {
        String id = heldAdjustment();

        assertThat(resource.approve(id, "0", json("")).reason()).isNull();
        String other = heldAdjustment();
        assertThat(resource.reject(other, null, json("{\"reason\": null}")).status())
                .isEqualTo("REJECTED");
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingTheBody() {
        String id = heldAdjustment();
        CountingStream body = new CountingStream(Long.MAX_VALUE);

        ErrorView error = refusal(413, () -> resource.approve(id, Integer.toString(LIMIT + 1), body));

        assertThat(error.error()).isEqualTo("body-too-large");
        assertThat(error.message()).contains("1024 bytes").contains("steward.cdi.rest.max-body-bytes");
        assertThat(body.read).isZero();
    }

    @Test
    void refusesABodyWithoutLengthAsSoonAsItPassesTheLimit() {
        String id = heldAdjustment();
        // 100 MB of whitespace inside a JSON string: a parser would keep reading without the limit
        CountingStream body = new CountingStream(100_000_000L);

        refusal(413, () -> resource.approve(id, null, body));

        assertThat(body.read).isGreaterThan(LIMIT).isLessThan(LIMIT + 64 * 1024);
        assertThat(steward.approvals().find(id).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    private String heldAdjustment() {
        security.login("adjuster1", "adjuster");
        ApprovalPendingException pending =
                catchThrowableOfType(ApprovalPendingException.class, () -> claims.proposeAdjustment("C-9"));
        assertThat(pending).isNotNull();
        security.login("supervisor1", "supervisor");
        return pending.approvalId();
    }

    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ErrorView refusal(int status, Runnable call) {
        WebApplicationException e = catchThrowableOfType(WebApplicationException.class, call::run);
        assertThat(e).as("a refusal with " + status).isNotNull();
        assertThat(e.getResponse().getStatus()).isEqualTo(status);
        assertThat(e.getResponse().getMediaType().toString()).isEqualTo("application/json");
        return (ErrorView) e.getResponse().getEntity();
    }

    /** {@code {"reason": "} followed by spaces up to a length, generated as read: nothing is held in memory. */
    private static final class CountingStream extends InputStream {

        private static final byte[] HEAD = "{\"reason\": \"".getBytes(StandardCharsets.UTF_8);

        private final long length;
        long read;

        CountingStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (read >= length) {
                return -1;
            }
            int b = read < HEAD.length ? HEAD[(int) read] : ' ';
            read++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int len) {
            if (read >= length) {
                return -1;
            }
            int n = 0;
            while (n < len && read < length) {
                buffer[offset + n++] = (byte) read();
            }
            return n;
        }
    }
}
