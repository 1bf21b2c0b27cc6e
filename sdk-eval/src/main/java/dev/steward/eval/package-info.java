/**
 * The eval gate for prompt versions: eval sets shipped beside the prompts ({@code META-INF/steward/evals/<prompt>/}),
 * expectations scored without a judge model, and {@link dev.steward.eval.EvalGate}, which runs a candidate version
 * and the pinned one through the real pipeline and fails when the candidate regresses.
 */
package dev.steward.eval;
