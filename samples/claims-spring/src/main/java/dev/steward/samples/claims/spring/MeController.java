package dev.steward.samples.claims.spring;

import java.security.Principal;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in, for the approval console's header (the console is the Liberty sample's, unchanged). */
@RestController
public class MeController {

    MeController() {}

    @GetMapping("/api/me")
    Map<String, String> me(Principal principal) {
        return Map.of("name", principal == null ? "" : principal.getName());
    }
}
