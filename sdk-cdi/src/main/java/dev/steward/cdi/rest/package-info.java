/**
 * JAX-RS resources for approvers, requesters and auditors, found by Jakarta REST scanning in {@code WEB-INF/lib} or
 * listed in {@code Application#getClasses} (and turned off with {@code steward.cdi.rest.enabled=false}), and an
 * exception mapper that turns Steward's exceptions into HTTP statuses.
 */
package dev.steward.cdi.rest;
