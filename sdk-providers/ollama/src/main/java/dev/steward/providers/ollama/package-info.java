/** The {@code ollama} provider: a model served by an Ollama server, called through LangChain4j. */
package dev.steward.providers.ollama;
