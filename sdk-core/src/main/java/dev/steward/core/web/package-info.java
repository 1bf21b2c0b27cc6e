/**
 * What the integrations' HTTP endpoints share, so that Jakarta REST resources and Spring MVC controllers answer alike:
 * the JSON views of approval requests, audit records and errors, the parsing of audit query parameters, and the HTTP
 * status and error code of each Steward exception. Plain records and functions, no HTTP library.
 */
package dev.steward.core.web;
