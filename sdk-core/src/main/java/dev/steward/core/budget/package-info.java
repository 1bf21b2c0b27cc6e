/**
 * Cost ceilings: limits in tokens or money per call, user and tenant; model prices; and the in-memory ledger that
 * reserves an estimate before a call and settles the real cost after it.
 */
package dev.steward.core.budget;
