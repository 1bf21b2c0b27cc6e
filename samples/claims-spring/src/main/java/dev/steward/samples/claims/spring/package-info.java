/**
 * The claims sample as a Spring Boot application: Spring MVC, Spring Security, Spring Data JDBC, and Steward governing
 * the three AI-assisted steps with the same annotations and keys as on Jakarta EE.
 */
package dev.steward.samples.claims.spring;
