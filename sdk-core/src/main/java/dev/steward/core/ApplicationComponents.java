package dev.steward.core;

import java.util.List;

/**
 * The objects an application declares in its container (CDI beans, Spring beans) that Steward takes: providers and
 * provider factories, store factories, a prompt registry, budget ledger, rate limiter, audit sink, approval store and
 * capability policy, pipeline interceptors, observers and token counters. An integration implements it over its
 * container and passes it to {@link Steward.Builder#components}, so that every integration takes the same kinds and
 * rejects the same ambiguities. Implementations must be thread-safe for the duration of the build.
 */
public interface ApplicationComponents {

    /**
     * Every component of a type, in the container's order.
     *
     * @param type the type
     * @param <T> the type
     * @return the components; empty when there are none
     */
    <T> List<T> all(Class<T> type);
}
