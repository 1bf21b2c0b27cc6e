/** Who may use a capability: the default policy, read from configuration. */
package dev.steward.core.policy;
