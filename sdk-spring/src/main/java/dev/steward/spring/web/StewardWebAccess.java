package dev.steward.spring.web;

import dev.steward.api.CallerContext;
import dev.steward.core.Steward;
import dev.steward.core.web.ErrorView;
import dev.steward.spring.internal.StewardRuntime;
import java.util.Set;

/** What the controllers share: the runtime, the authenticated caller, and typed HTTP errors. */
final class StewardWebAccess {

    private StewardWebAccess() {}

    static CallerContext authenticatedCaller(StewardRuntime runtime) {
        CallerContext caller = runtime.identity().resolve();
        if (caller.isAnonymous()) {
            throw new HttpError(401, ErrorView.unauthenticated("Spring Security"));
        }
        return caller;
    }

    static Steward auditor(StewardRuntime runtime, Set<String> auditRoles) {
        CallerContext caller = authenticatedCaller(runtime);
        if (auditRoles.stream().noneMatch(caller::hasRole)) {
            throw new HttpError(403, ErrorView.auditNotAllowed(auditRoles));
        }
        return runtime.steward();
    }

    /** An error response the controllers answer with. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int status;
        final transient ErrorView body;

        HttpError(int status, ErrorView body) {
            super(body.message(), null, false, false);
            this.status = status;
            this.body = body;
        }
    }
}
