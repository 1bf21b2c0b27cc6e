/** The Actuator endpoint {@code steward}: what Steward governs and how its providers and approval queue stand. */
package dev.steward.spring.actuate;
