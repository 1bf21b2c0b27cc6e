/**
 * The evaluators behind {@code benchmarks/eval-pii.sh} and {@code benchmarks/eval-injection.sh}: they read labelled
 * JSON lines, run the guard's detectors and print precision and recall, or true- and false-positive rates, per type
 * or subset. Tools, not API.
 */
package dev.steward.guard.eval;
