/**
 * Micrometer Observation of every governed call and every provider attempt, through core's observer SPI: metrics with
 * any meter registry, spans with a tracing bridge.
 */
package dev.steward.spring.observation;
