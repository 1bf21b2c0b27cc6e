package dev.steward.core.internal;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.ProviderException;
import dev.steward.core.budget.PriceTable;
import dev.steward.core.route.ProviderRoute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The end of the chain: asks the route's providers in order and, when none answers, the capability's fallback; when
 * there is no fallback either, the call fails with {@link InferenceUnavailableException} listing every attempt.
 */
final class InferenceStage implements Stage {

    private final String capability;
    private final List<String> parameterNames;
    private final int maxOutputTokens;
    private final ProviderRoute route;
    private final ProviderRoute degradeRoute;
    private final PriceTable prices;
    private final OutputStage output;

    InferenceStage(
            String capability,
            List<String> parameterNames,
            int maxOutputTokens,
            ProviderRoute route,
            ProviderRoute degradeRoute,
            PriceTable prices,
            OutputStage output) {
        this.capability = capability;
        this.parameterNames = parameterNames;
        this.maxOutputTokens = maxOutputTokens;
        this.route = route;
        this.degradeRoute = degradeRoute;
        this.prices = prices;
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
        InferenceRequest request = new InferenceRequest(
                capability,
                call.template.prompt(),
                List.of(new ChatMessage(ChatMessage.Role.USER, call.renderedPrompt)),
                variables(call.args),
                maxOutputTokens,
                call.caller);
        ProviderRoute.Answer answer;
        try {
            answer = r.call(request, call.attempts);
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
        return output.accept(call, response.text(), response.confidence());
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
            call.reason = why + "; the fallback failed too: " + e;
            InferenceUnavailableException ex =
                    new InferenceUnavailableException(capability, call.reason, call.attempts, e);
            ex.addSuppressed(failure);
            throw ex;
        }
        call.degraded = true;
        call.reason = (call.reason == null ? "" : call.reason + "; ") + why + "; answered by the fallback";
        // a degraded answer needs the same sign-off as a model's
        return output.accept(call, answer, java.util.OptionalDouble.empty());
    }

    private Map<String, Object> variables(Object[] args) {
        if (parameterNames.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> vars = new HashMap<>(parameterNames.size() * 2);
        for (int i = 0; i < parameterNames.size() && i < args.length; i++) {
            if (args[i] != null) {
                vars.put(parameterNames.get(i), args[i]);
            }
        }
        return vars;
    }
}
