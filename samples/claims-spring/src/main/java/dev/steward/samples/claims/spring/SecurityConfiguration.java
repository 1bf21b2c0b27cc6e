package dev.steward.samples.claims.spring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security for the sample: HTTP basic authentication and the demo users of the Liberty sample. Their roles
 * ({@code ROLE_adjuster}, {@code ROLE_supervisor}) reach Steward as {@code adjuster} and {@code supervisor}. These
 * passwords are for the demo only.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("adjuster1")
                        .password("{noop}adjuster1-demo")
                        .roles("adjuster")
                        .build(),
                User.withUsername("adjuster2")
                        .password("{noop}adjuster2-demo")
                        .roles("adjuster")
                        .build(),
                User.withUsername("supervisor1")
                        .password("{noop}supervisor1-demo")
                        .roles("supervisor")
                        .build());
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        // a JSON API called with basic authentication, no browser session: CSRF tokens protect nothing here
        return http.authorizeHttpRequests(a -> a.requestMatchers("/", "/index.html", "/actuator/health")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable())
                .build();
    }
}
