/**
 * The pipeline's extension points: {@link dev.steward.core.spi.PipelineInterceptor} changes or guards what flows
 * through a call at three slots; {@link dev.steward.core.spi.StewardObserver} watches calls and provider attempts
 * start and end, what ceilings leave ({@link dev.steward.core.spi.BudgetStatus}), and the instance start and close. Both are found with {@link java.util.ServiceLoader}, registered on the builder, or (in Jakarta EE)
 * taken from CDI beans.
 */
package dev.steward.core.spi;
