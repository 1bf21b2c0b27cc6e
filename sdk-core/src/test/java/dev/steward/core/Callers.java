package dev.steward.core;

import dev.steward.api.CallerContext;
import java.util.Set;

/** Callers used across tests. */
final class Callers {

    static final CallerContext ADJUSTER = new CallerContext("adjuster1", Set.of("adjuster"), "acme", "corr-1");
    static final CallerContext ADJUSTER2 = new CallerContext("adjuster2", Set.of("adjuster"), "acme", "corr-2");
    static final CallerContext SUPERVISOR = new CallerContext("supervisor1", Set.of("supervisor"), "acme", "corr-3");
    static final CallerContext ANONYMOUS = CallerContext.anonymous("corr-anon");

    private Callers() {}
}
