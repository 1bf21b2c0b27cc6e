/**
 * JMH benchmarks and a load driver that measure what Steward's governance costs next to a model call; run them all
 * with {@code benchmarks/run.sh}, entry point {@link dev.steward.benchmarks.BenchmarkMain}. Not a published API.
 */
package dev.steward.benchmarks;
