package dev.steward.guard;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.annotation.DataClass;
import dev.steward.core.spi.AttemptChain;
import dev.steward.core.spi.AttemptContext;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.PipelineInterceptor;
import dev.steward.guard.redact.Placeholders;
import dev.steward.guard.redact.Redaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Redacts the input of every capability that declares {@link DataClass#PII} before any provider sees it, unless the
 * route the call takes is trusted ({@code steward.route.<name>.trusted=true}), and restores the values in the answer.
 *
 * <p>Every message and every bound variable is redacted with the same {@link Placeholders}, so one value has one
 * placeholder throughout the call. The audit record gets the count of values per type
 * ({@code steward.redaction.<TYPE>}) and whether the call was redacted or passed a trusted route
 * ({@code steward.redaction}), never a value. A call whose route was trusted on input but that is degraded to an
 * untrusted route is redacted before its first try there.
 *
 * <p>Fails closed: a redactor that throws fails the call with {@link dev.steward.api.RedactionFailedException} before
 * anything is sent. Thread-safe.
 */
public final class RedactionInterceptor implements PipelineInterceptor {

    /** Runs after the injection guard (which sees the input as the caller wrote it) and before other extensions. */
    public static final int PRIORITY = 200;

    private static final String KEY = RedactionInterceptor.class.getName();

    private final Redaction redaction;

    /**
     * Creates the interceptor.
     *
     * @param redaction the redactors to run
     */
    public RedactionInterceptor(Redaction redaction) {
        this.redaction = Objects.requireNonNull(redaction, "redaction");
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public InferenceRequest onInput(CallContext call, InferenceRequest request) {
        if (!call.capability().dataClasses().contains(DataClass.PII)) {
            return request;
        }
        if (call.routeTrusted()) {
            call.tag("steward.redaction", "trusted-route");
            return request;
        }
        return redact(call, request);
    }

    @Override
    public InferenceResponse aroundAttempt(AttemptContext attempt, InferenceRequest request, AttemptChain next) {
        CallContext call = attempt.call();
        if (call.capability().dataClasses().contains(DataClass.PII)
                && call.attribute(KEY) == null
                && !call.routeTrusted()) {
            return next.proceed(redact(call, request));
        }
        return next.proceed(request);
    }

    @Override
    public String onAnswer(CallContext call, String answer) {
        Placeholders placeholders = (Placeholders) call.attribute(KEY);
        return placeholders == null ? answer : placeholders.restore(answer);
    }

    private InferenceRequest redact(CallContext call, InferenceRequest request) {
        String capability = call.capability().name();
        Placeholders placeholders = new Placeholders();
        List<ChatMessage> messages = new ArrayList<>(request.messages().size());
        for (ChatMessage m : request.messages()) {
            String text = placeholders.replace(m.content(), redaction.find(capability, m.content()));
            messages.add(new ChatMessage(m.role(), text));
        }
        Map<String, Object> variables = new HashMap<>(request.variables().size() * 2);
        for (Map.Entry<String, Object> v : request.variables().entrySet()) {
            // a non-text value reaches a provider as its text (a classifier reads toString), so that text is checked
            String text = v.getValue() instanceof String s ? s : String.valueOf(v.getValue());
            var found = redaction.find(capability, text);
            variables.put(v.getKey(), found.isEmpty() ? v.getValue() : placeholders.replace(text, found));
        }
        call.attribute(KEY, placeholders);
        call.tag("steward.redaction", "redacted");
        placeholders.counts().forEach((type, n) -> call.tag("steward.redaction." + type, Integer.toString(n)));
        return new InferenceRequest(
                request.capability(),
                request.prompt(),
                messages,
                variables,
                request.maxOutputTokens(),
                request.caller());
    }
}
