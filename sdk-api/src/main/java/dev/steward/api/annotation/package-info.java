/**
 * The annotations an application puts on service methods to make them governed AI capabilities.
 *
 * <p>They are read once, when a container starts; invalid values fail deployment there.
 */
package dev.steward.api.annotation;
