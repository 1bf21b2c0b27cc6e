package dev.steward.samples.claims.spring;

import org.springframework.boot.test.context.SpringBootTest;

/** The walkthrough on the embedded defaults: H2 in memory, no network. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClaimsOnH2Test extends ClaimsWalkthrough {}
