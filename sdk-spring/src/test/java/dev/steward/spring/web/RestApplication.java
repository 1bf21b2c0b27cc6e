package dev.steward.spring.web;

import dev.steward.spring.support.ClaimsService;
import dev.steward.spring.support.SettlementService;
import dev.steward.spring.support.TestProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A Spring MVC application with Spring Security, the starter and one governed service, as a user writes it. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class RestApplication {

    @Bean
    TestProvider testProvider() {
        return new TestProvider();
    }

    @Bean
    ClaimsService claimsService() {
        return new ClaimsService();
    }

    @Bean
    SettlementService settlementService() {
        return new SettlementService();
    }

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
                        .build(),
                User.withUsername("auditor1")
                        .password("{noop}auditor1-demo")
                        .roles("steward-auditor")
                        .build());
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable())
                .build();
    }

    /** The application's own endpoint, registered as a member of this configuration; Steward's exceptions escape it to the starter's handler. */
    @RestController
    static class ClaimsController {
        private final ClaimsService claims;
        private final SettlementService settlements;

        ClaimsController(ClaimsService claims, SettlementService settlements) {
            this.claims = claims;
            this.settlements = settlements;
        }

        @PostMapping("/claims/{id}/settlement")
        String settle(@PathVariable("id") String id) {
            return settlements.propose(id);
        }

        @PostMapping("/claims/{id}/adjustment")
        String adjust(@PathVariable("id") String id) {
            return claims.proposeAdjustment(id);
        }
    }
}
