package dev.steward.providers.gateway;

/**
 * How a gateway expects caller identity and metadata, beyond the OpenAI {@code user} field that every preset sends.
 */
public enum GatewayPreset {
    /** Only the {@code user} field and the headers configured one by one. */
    NONE,
    /**
     * Portkey: an {@code x-portkey-metadata} header holding JSON with {@code _user}, {@code tenant},
     * {@code capability} and {@code correlation_id}, {@code x-portkey-trace-id} set to the correlation id, and
     * {@code x-portkey-forward-headers} listing the configured identity headers, which Portkey otherwise drops on the
     * way upstream.
     */
    PORTKEY,
    /**
     * LiteLLM: a {@code metadata} object in the request body with {@code user}, {@code tenant}, {@code capability}
     * and {@code correlation_id}; LiteLLM passes it to its logging and spend tracking.
     */
    LITELLM
}
