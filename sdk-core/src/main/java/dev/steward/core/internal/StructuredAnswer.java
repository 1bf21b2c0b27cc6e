package dev.steward.core.internal;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.core.answer.AnswerType;
import dev.steward.core.answer.AnswerValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * A typed capability's answer handling: asks for the type's schema, reads and validates each answer, and builds the
 * one repair request that shows the model its invalid answer and what was wrong with it.
 */
final class StructuredAnswer {

    private final AnswerType type;
    private final AnswerValidator validator;

    StructuredAnswer(AnswerType type, AnswerValidator validator) {
        this.type = type;
        this.validator = validator;
    }

    AnswerType type() {
        return type;
    }

    // an interceptor may have rebuilt the request without the schema; the schema belongs to the capability
    InferenceRequest ask(InferenceRequest request) {
        return type.schema().equals(request.responseSchema()) ? request : request.withResponseSchema(type.schema());
    }

    AnswerType.Reading read(String text) {
        return type.read(text, validator);
    }

    InferenceRequest repair(InferenceRequest asked, String invalidAnswer, String detail) {
        List<ChatMessage> messages = new ArrayList<>(asked.messages());
        messages.add(new ChatMessage(ChatMessage.Role.ASSISTANT, invalidAnswer));
        messages.add(new ChatMessage(
                ChatMessage.Role.USER,
                "That answer is not valid: " + detail + ". Answer again with only the corrected JSON, conforming to"
                        + " the schema " + type.schema().json()));
        return asked.withMessages(messages);
    }
}
