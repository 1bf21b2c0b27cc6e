package dev.steward.core;

import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.PipelineInterceptor;
import java.util.Locale;

/** Found with ServiceLoader in every test; acts only on answers that ask it to, so it is inert elsewhere. */
public final class DiscoveredInterceptor implements PipelineInterceptor {

    @Override
    public String onAnswer(CallContext call, String answer) {
        return answer.contains("SHOUT") ? answer.toUpperCase(Locale.ROOT) : answer;
    }
}
