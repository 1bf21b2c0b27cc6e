package dev.steward.spring.support;

import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs code as an authenticated Spring Security user, as a filter chain would set the context. */
public final class Callers {

    private Callers() {}

    public static Authentication user(String name, String... authorities) {
        return UsernamePasswordAuthenticationToken.authenticated(
                name,
                "n/a",
                List.of(authorities).stream().map(SimpleGrantedAuthority::new).toList());
    }

    public static <T> T as(Authentication authentication, Callable<T> work) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            return work.call();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
