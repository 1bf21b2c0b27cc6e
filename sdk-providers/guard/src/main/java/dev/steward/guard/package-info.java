/**
 * Data protection as pipeline interceptors: {@link dev.steward.guard.RedactionInterceptor} replaces personal data by
 * placeholders before any provider sees it and restores it in the answer; {@link dev.steward.guard.InjectionGuard}
 * scores inputs for prompt injection. {@link dev.steward.guard.GuardInterceptorFactory} builds both from
 * configuration and is found with {@link java.util.ServiceLoader}.
 */
package dev.steward.guard;
