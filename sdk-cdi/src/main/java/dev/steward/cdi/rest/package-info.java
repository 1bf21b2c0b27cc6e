/**
 * JAX-RS resources for approvers, requesters and auditors, found by Jakarta REST scanning in {@code WEB-INF/lib} or
 * listed in {@code Application#getClasses} (and turned off with {@code steward.cdi.rest.enabled=false}), and an
 * exception mapper that turns Steward's exceptions into HTTP statuses.
 */
// the views are records; JSON-B 1.0 (Java EE 8, for steward-cdi-javax) sees only public fields and getters, so it
// would write them as {}: their fields are made visible for every JSON-B version
@JsonbVisibility(RestViewVisibility.class)
package dev.steward.cdi.rest;

import dev.steward.cdi.internal.RestViewVisibility;
import jakarta.json.bind.annotation.JsonbVisibility;
