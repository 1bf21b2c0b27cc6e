package dev.steward.core.internal;

import dev.steward.api.InferenceResponse;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.ProviderException;
import dev.steward.core.budget.PriceTable;
import dev.steward.core.route.ProviderRoute;
import java.util.stream.Collectors;

/**
 * The end of the chain: asks the route's providers in order and, when none answers, the capability's fallback; when
 * there is no fallback either, the call fails with {@link InferenceUnavailableException} listing every attempt, in
 * the sanitized words of {@link ProviderErrorText} (the route hands over failures already sanitized). The
 * answer then passes the interceptors' {@code onAnswer} and the output stage (the approval gate). A provider that
 * reports more output tokens than the request allowed is charged what it reported, and the overrun is audited.
 */
final class InferenceStage implements Stage {

    private final String capability;
    private final ProviderRoute route;
    private final ProviderRoute degradeRoute;
    private final PriceTable prices;
    private final Interceptors interceptors;
    private final OutputStage output;

    InferenceStage(
            String capability,
            ProviderRoute route,
            ProviderRoute degradeRoute,
            PriceTable prices,
            Interceptors interceptors,
            OutputStage output) {
        this.capability = capability;
        this.route = route;
        this.degradeRoute = degradeRoute;
        this.prices = prices;
        this.interceptors = interceptors;
        this.output = output;
    }

    /**
     * What happens to an answer, from a provider or the fallback, before it is returned: the approval gate, or
     * nothing.
     */
    interface OutputStage {
        String accept(Invocation call, String text, java.util.OptionalDouble confidence);
    }

    @Override
    public String invoke(Invocation call) throws InterruptedException {
        ProviderRoute r = call.degraded && degradeRoute != null ? degradeRoute : route;
        call.route = r.name();
        ProviderRoute.Answer answer;
        try {
            answer = r.call(call.request, call, call.attempts);
        } catch (ProviderException e) {
            return fallback(call, e);
        }
        InferenceResponse response = answer.response();
        call.provider = answer.provider();
        call.model = response.model();
        call.usage = response.usage();
        call.confidence = response.confidence();
        call.costMicros = prices.costMicros(
                response.model(),
                response.usage().inputTokens(),
                response.usage().outputTokens());
        int cap = call.request.maxOutputTokens();
        if (response.usage().outputTokens() > cap) {
            call.addReason("provider '" + answer.provider() + "' reported "
                    + response.usage().outputTokens() + " output tokens, over the cap of " + cap
                    + " it was sent; charged as reported");
            call.tag(
                    "steward.overrun.output-tokens",
                    Long.toString(response.usage().outputTokens() - cap));
        }
        return output.accept(call, answered(call, response.text()), response.confidence());
    }

    private String answered(Invocation call, String text) {
        return interceptors.isEmpty() ? text : interceptors.answer(call, text);
    }

    private String fallback(Invocation call, ProviderException failure) {
        String summary = call.attempts.stream()
                .map(a -> a.provider() + " " + a.result() + (a.error() == null ? "" : " (" + a.error() + ")"))
                .collect(Collectors.joining("; "));
        String why = "no provider of route '" + call.route + "' answered: "
                + (call.attempts.isEmpty() ? failure.getMessage() : summary);
        if (call.fallback == null) {
            call.reason = why;
            throw new InferenceUnavailableException(capability, why, call.attempts, failure);
        }
        String answer;
        try {
            answer = call.fallback.answer(call.args, failure);
        } catch (Exception e) {
            // the fallback's text may repeat the provider's or the input, as a provider's may
            call.reason = why + "; the fallback failed too: "
                    + ProviderErrorText.sanitize(e.toString(), call.request.messages());
            InferenceUnavailableException ex =
                    new InferenceUnavailableException(capability, call.reason, call.attempts, e);
            ex.addSuppressed(failure);
            throw ex;
        }
        call.degraded = true;
        call.addReason(why + "; answered by the fallback");
        // a degraded answer needs the same sign-off and checks as a model's
        return output.accept(call, answered(call, answer), java.util.OptionalDouble.empty());
    }
}
