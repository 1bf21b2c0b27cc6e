/**
 * The Spring Boot integration: auto-configuration that governs {@code @AiCapability} methods of Spring beans, reads
 * {@code steward.*} from Spring's {@code Environment}, takes the caller from Spring Security and publishes audit
 * records and approvals as application events.
 */
package dev.steward.spring;
