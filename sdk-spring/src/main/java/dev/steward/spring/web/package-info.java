/**
 * The opt-in REST controllers for approvers and auditors ({@code steward.spring.rest.enabled=true}), answering with
 * the same JSON as the Jakarta EE resources, and the mapping of Steward's exceptions to HTTP statuses.
 */
package dev.steward.spring.web;
