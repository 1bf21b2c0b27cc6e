package dev.steward.core.internal;

import dev.steward.api.InferenceResponse;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.InvalidAnswerException;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.core.answer.AnswerType;
import dev.steward.core.budget.PriceTable;
import dev.steward.core.route.ProviderRoute;
import java.util.stream.Collectors;

/**
 * The end of the chain: asks the route's providers in order and, when none answers, the capability's fallback; when
 * there is no fallback either, the call fails with {@link InferenceUnavailableException} listing every attempt, in
 * the sanitized words of {@link ProviderErrorText} (the route hands over failures already sanitized). The
 * answer then passes the interceptors' {@code onAnswer}; a typed answer is read and validated, and an invalid one
 * earns the model one repair attempt before the fallback answers or the call fails with
 * {@link InvalidAnswerException}; then the output stage (the approval gate) sees it. A provider that
 * reports more output tokens than the request allowed is charged what it reported, and the overrun is audited.
 */
final class InferenceStage implements Stage {

    private final String capability;
    private final ProviderRoute route;
    private final ProviderRoute degradeRoute;
    private final PriceTable prices;
    private final Interceptors interceptors;
    private final OutputStage output;
    private final StructuredAnswer structured;
    private final ToolConversation tools;

    InferenceStage(
            String capability,
            ProviderRoute route,
            ProviderRoute degradeRoute,
            PriceTable prices,
            Interceptors interceptors,
            OutputStage output,
            StructuredAnswer structured,
            ToolConversation tools) {
        this.capability = capability;
        this.route = route;
        this.degradeRoute = degradeRoute;
        this.prices = prices;
        this.interceptors = interceptors;
        this.output = output;
        this.structured = structured;
        this.tools = tools;
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
        if (structured != null) {
            call.request = structured.ask(call.request);
        }
        ProviderRoute.Answer answer;
        String text;
        try {
            if (tools == null) {
                answer = r.call(call.request, call, call.attempts);
                text = account(call, answer);
            } else {
                answer = tools.converse(r, call, a -> account(call, a));
                text = answer.response().text();
            }
        } catch (ProviderException e) {
            return fallback(call, e);
        }
        text = answered(call, text);
        if (structured == null) {
            return output.accept(call, text, call.confidence);
        }
        AnswerType.Reading reading = structured.read(text);
        if (!reading.valid()) {
            // one repair: the model sees its answer and what was wrong; a second invalid answer is final
            call.addReason("the answer was not a valid " + structured.type().typeName() + " (" + reading.problem()
                    + "); the model was asked to repair it");
            call.tag("steward.answer.repairs", "1");
            try {
                answer = r.call(structured.repair(call.request, text, reading.detail()), call, call.attempts);
            } catch (ProviderException e) {
                return fallback(call, e);
            }
            text = answered(call, account(call, answer));
            reading = structured.read(text);
            if (!reading.valid()) {
                return invalid(call, reading.problem());
            }
        }
        call.value = reading.value();
        return output.accept(call, text, call.confidence);
    }

    // each answer of the call adds to its usage and cost: a repaired answer costs both
    private String account(Invocation call, ProviderRoute.Answer answer) {
        InferenceResponse response = answer.response();
        call.provider = answer.provider();
        call.model = response.model();
        call.usage = new TokenUsage(
                call.usage.inputTokens() + response.usage().inputTokens(),
                call.usage.outputTokens() + response.usage().outputTokens());
        call.confidence = response.confidence();
        call.costMicros += prices.costMicros(
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
        return response.text();
    }

    private String invalid(Invocation call, String problem) {
        String why = "the repaired answer is not a valid " + structured.type().typeName() + " either: " + problem;
        InvalidAnswerException invalid =
                new InvalidAnswerException(capability, structured.type().typeName(), problem, call.attempts);
        if (call.fallback == null) {
            call.addReason(why);
            throw invalid;
        }
        return fallback(call, why, invalid);
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
        return fallback(call, why, failure);
    }

    private String fallback(Invocation call, String why, dev.steward.api.StewardException failure) {
        String answer;
        try {
            answer = call.fallback.answer(call.args, failure);
        } catch (Exception e) {
            // the fallback's text may repeat the provider's or the input, as a provider's may
            call.reason = why + "; the fallback failed too: "
                    + ProviderErrorText.sanitize(e.toString(), call.request.messages());
            InferenceUnavailableException ex =
                    new InferenceUnavailableException(capability, call.reason, call.attempts, e);
            if (failure != null) {
                ex.addSuppressed(failure);
            }
            throw ex;
        }
        call.degraded = true;
        call.addReason(why + "; answered by the fallback");
        call.confidence = java.util.OptionalDouble.empty();
        String text = answered(call, answer);
        if (structured != null) {
            // the fallback's value passes the same checks as a model's, without a repair: code does not learn
            AnswerType.Reading reading = structured.read(text);
            if (!reading.valid()) {
                call.addReason("the fallback's answer is not a valid "
                        + structured.type().typeName());
                throw new InvalidAnswerException(
                        capability, structured.type().typeName(), reading.problem(), call.attempts);
            }
            call.value = reading.value();
        }
        // a degraded answer needs the same sign-off and checks as a model's
        return output.accept(call, text, java.util.OptionalDouble.empty());
    }
}
