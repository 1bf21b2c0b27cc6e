/**
 * The {@code local-llama} provider: llama.cpp running inside the JVM on a GGUF model file, with a bounded number of
 * concurrent generations.
 */
package dev.steward.providers.llama;
