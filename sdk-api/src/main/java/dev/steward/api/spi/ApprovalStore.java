package dev.steward.api.spi;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Persists approval requests so that pending ones survive a restart and a decision taken on one node is seen by all.
 * Implementations must be thread-safe.
 */
public interface ApprovalStore {

    /**
     * Stores a new request.
     *
     * @param request a pending request with a new id
     * @throws IllegalArgumentException if a request with that id exists
     */
    void create(ApprovalRequest request);

    /**
     * Finds a request.
     *
     * @param id the request id
     * @return the request, or empty if unknown
     */
    Optional<ApprovalRequest> find(String id);

    /**
     * Replaces a request with its decided form if, and only if, it is still in {@code expected} status, so that two
     * approvers cannot both decide it.
     *
     * @param decided the decided request
     * @param expected the status it must still have
     * @return {@code true} if the decision was stored
     */
    boolean compareAndSet(ApprovalRequest decided, ApprovalStatus expected);

    /**
     * The pending requests that an approver holding one of the given roles may decide, oldest first.
     *
     * @param approverRoles the roles
     * @return the requests
     */
    List<ApprovalRequest> pending(Set<String> approverRoles);
}
