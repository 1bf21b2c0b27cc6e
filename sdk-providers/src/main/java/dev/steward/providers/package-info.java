/**
 * Inference providers for Steward, each selected by configuration ({@code steward.provider.<name>.type}): an
 * OpenAI-compatible gateway, an Ollama server, an in-process llama.cpp engine and an offline embeddings classifier.
 * Factories register with {@link java.util.ServiceLoader}.
 */
package dev.steward.providers;
