/**
 * The Spring integration's machinery: the runtime, the method advice, the identity resolvers and the configuration
 * source. No compatibility promise: applications use {@code dev.steward.spring} and {@code dev.steward.core}.
 */
package dev.steward.spring.internal;
