/**
 * Exact input-token counts for OpenAI-family models with JTokkit, a pure-Java port of OpenAI's tiktoken. Found by
 * {@link java.util.ServiceLoader} as a {@link dev.steward.api.spi.TokenCounter}; nothing to configure.
 */
package dev.steward.tokenizer.jtokkit;
