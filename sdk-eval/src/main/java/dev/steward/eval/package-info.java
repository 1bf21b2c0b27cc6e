/**
 * The eval gate for prompt versions: eval sets shipped beside the prompts ({@code META-INF/steward/evals/<prompt>/}),
 * expectations scored without a judge model, and {@link dev.steward.eval.EvalGate}, which runs a candidate version
 * and the pinned one through the real pipeline and fails when the candidate regresses; {@link
 * dev.steward.eval.StewardEvalGate} runs it as a JUnit 5 test.
 */
package dev.steward.eval;
