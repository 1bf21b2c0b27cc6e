/**
 * Versioned prompts: registries (classpath by default), templates with named variables compiled once, and the
 * choice of version per call (pin or percentage canary).
 */
package dev.steward.core.prompt;
