/**
 * The {@code gateway} provider: any OpenAI-compatible chat-completions endpoint (Portkey, LiteLLM, Kong AI Gateway,
 * Azure OpenAI, vLLM), with the caller's identity propagated in the request body and in headers.
 */
package dev.steward.providers.gateway;
