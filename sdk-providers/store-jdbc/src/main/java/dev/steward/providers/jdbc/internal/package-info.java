/**
 * Connections, dialects, schema migration and instant encoding shared by the JDBC stores. Internal: no compatibility
 * promise.
 */
package dev.steward.providers.jdbc.internal;
