/**
 * The plain-Java configuration model: every {@code steward.*} key, parsed and validated once at startup, filled by
 * the integrations from MicroProfile Config or Spring properties.
 */
package dev.steward.core.config;
