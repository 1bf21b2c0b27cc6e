package dev.steward.core.internal;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the rendered prompt into the request providers will see, and lets the interceptors' {@code onInput} see and
 * replace it, before the budget is reserved on it and before any provider is asked.
 */
final class InputStage implements Stage {

    private final String capability;
    private final List<String> parameterNames;
    private final int maxOutputTokens;
    private final Interceptors interceptors;
    private final Stage next;

    InputStage(
            String capability,
            List<String> parameterNames,
            int maxOutputTokens,
            Interceptors interceptors,
            Stage next) {
        this.capability = capability;
        this.parameterNames = parameterNames;
        this.maxOutputTokens = maxOutputTokens;
        this.interceptors = interceptors;
        this.next = next;
    }

    @Override
    public String invoke(Invocation call) throws InterruptedException {
        if (call.resumed != null) {
            // the held conversation already passed onInput when it was first asked
            call.request = new InferenceRequest(
                    capability,
                    call.template.prompt(),
                    call.resumed.messages(),
                    Map.of(),
                    maxOutputTokens,
                    call.caller);
            return next.invoke(call);
        }
        InferenceRequest request = new InferenceRequest(
                capability,
                call.template.prompt(),
                List.of(new ChatMessage(ChatMessage.Role.USER, call.template.render(call.args))),
                variables(call.args),
                maxOutputTokens,
                call.caller);
        call.request = interceptors.isEmpty() ? request : interceptors.input(call, request);
        return next.invoke(call);
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
