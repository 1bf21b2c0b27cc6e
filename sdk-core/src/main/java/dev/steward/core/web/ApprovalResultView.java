package dev.steward.core.web;

/**
 * The released answer of an approved request, as the HTTP endpoints return it to its requester or an approver.
 * Immutable.
 *
 * @param approvalId the request id
 * @param output the released answer
 */
public record ApprovalResultView(String approvalId, String output) {}
