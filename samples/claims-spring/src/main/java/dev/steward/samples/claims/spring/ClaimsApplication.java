package dev.steward.samples.claims.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the claims sample on port 8080 with an embedded H2 database. */
@SpringBootApplication
public class ClaimsApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments, for example {@code --spring.profiles.active=postgres}
     */
    public static void main(String[] args) {
        SpringApplication.run(ClaimsApplication.class, args);
    }
}
