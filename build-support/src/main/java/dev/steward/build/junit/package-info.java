/**
 * Build support for every module's tests: {@link dev.steward.build.junit.SkippedTestListener} prints each skipped test
 * with its reason. Test scope only; not part of any published artifact.
 */
package dev.steward.build.junit;
