package dev.steward.spring.web;

import dev.steward.api.StewardException;
import dev.steward.core.web.ErrorStatus;
import dev.steward.core.web.ErrorView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps Steward's exceptions escaping any controller to HTTP responses with a JSON {@link ErrorView}, as the Jakarta EE
 * exception mapper does ({@link ErrorStatus}): 202 for an answer held for approval (with its id), 403 for a denial,
 * 409 for a rejected approval, 429 for a rate or budget limit (with {@code Retry-After}), 503 for a disabled
 * capability or no provider. Registered with the REST controllers; an application may also declare it itself.
 */
@RestControllerAdvice
public class StewardExceptionHandler {

    /** Created by Spring. */
    public StewardExceptionHandler() {}

    /**
     * Maps an exception.
     *
     * @param e the exception
     * @return the response
     */
    @ExceptionHandler(StewardException.class)
    public ResponseEntity<ErrorView> handle(StewardException e) {
        ErrorStatus error = ErrorStatus.of(e);
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON);
        if (error.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(error.retryAfterSeconds()));
        }
        return response.body(error.body());
    }

    /**
     * Answers a controller's typed error.
     *
     * @param e the error
     * @return the response
     */
    @ExceptionHandler(StewardWebAccess.HttpError.class)
    public ResponseEntity<ErrorView> handle(StewardWebAccess.HttpError e) {
        return ResponseEntity.status(e.status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(e.body);
    }
}
