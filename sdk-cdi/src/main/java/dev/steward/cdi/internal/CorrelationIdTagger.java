package dev.steward.cdi.internal;

import dev.steward.core.config.CorrelationIds;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.StewardObserver;

/**
 * Tags a governed call whose request carried a correlation id Steward did not accept with that id's SHA-256 (see
 * {@link CorrelationIds}), before authorization, so that every record of the call, refused ones included, carries it.
 * It reads the header again instead of keeping state between the identity resolver and the call: both run on the
 * request's thread. A call whose correlation id is the header's value (an application's own resolver accepted it) is
 * not tagged. Thread-safe.
 */
final class CorrelationIdTagger implements StewardObserver {

    private final RequestHeaders headers;
    private final String header;

    CorrelationIdTagger(RequestHeaders headers, String header) {
        this.headers = headers;
        this.header = header;
    }

    @Override
    public void onCallStart(CallContext call) {
        headers.get(header)
                .filter(v -> !CorrelationIds.acceptable(v))
                .filter(v -> !v.equals(call.caller().correlationId()))
                .ifPresent(v -> call.tag(CorrelationIds.ORIGINAL_SHA256_TAG, CorrelationIds.sha256(v)));
    }
}
