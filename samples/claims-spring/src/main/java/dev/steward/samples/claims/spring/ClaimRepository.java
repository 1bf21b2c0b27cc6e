package dev.steward.samples.claims.spring;

import org.springframework.data.repository.ListCrudRepository;

/** The claims, through Spring Data JDBC. */
public interface ClaimRepository extends ListCrudRepository<Claim, String> {}
