/**
 * Typed answers: the JSON shape derived from a capability method's return type, the reading and validation of a
 * model's answer against it, and the validators that may check it further (Jakarta Bean Validation when present).
 */
package dev.steward.core.answer;
