/**
 * What the integrations' HTTP endpoints share, so that Jakarta REST resources and Spring MVC controllers answer alike:
 * the JSON views of approval requests, answers, audit records and errors, the parsing of audit query parameters, the
 * HTTP status and error code of each Steward exception, and the answer to resuming a held tool call. Plain records and functions, no HTTP library.
 */
// The views are records. JSON-B 1.0 (Java EE 8, where steward-cdi-javax serves them) sees only public fields and
// getters and would write them as {}: their fields are made visible to it. On every other runtime the annotation's
// type is absent and the JVM ignores it (JSON-B 3 and Jackson know records).
@JsonbVisibility(JavaxViewVisibility.class)
package dev.steward.core.web;

import javax.json.bind.annotation.JsonbVisibility;
