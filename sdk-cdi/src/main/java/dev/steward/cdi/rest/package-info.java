/**
 * JAX-RS resources for approvers and auditors, which an application enables by listing them in its
 * {@code Application#getClasses}, and an exception mapper that turns Steward's exceptions into HTTP statuses.
 */
package dev.steward.cdi.rest;
