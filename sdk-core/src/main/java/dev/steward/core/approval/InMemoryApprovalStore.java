package dev.steward.core.approval;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.spi.ApprovalStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Approval requests in memory: for one JVM and for tests. Pending requests do not survive a restart; for that,
 * implement {@link dev.steward.api.spi.ApprovalStore} over a shared database. Thread-safe.
 */
public final class InMemoryApprovalStore implements ApprovalStore {

    private final ConcurrentHashMap<String, ApprovalRequest> requests = new ConcurrentHashMap<>();

    @Override
    public void create(ApprovalRequest request) {
        if (requests.putIfAbsent(request.id(), request) != null) {
            throw new IllegalArgumentException("approval request " + request.id() + " already exists");
        }
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public boolean compareAndSet(ApprovalRequest decided, ApprovalStatus expected) {
        boolean[] stored = {false};
        requests.computeIfPresent(decided.id(), (id, current) -> {
            if (current.status() == expected) {
                stored[0] = true;
                return decided;
            }
            return current;
        });
        return stored[0];
    }

    @Override
    public List<ApprovalRequest> pending(Set<String> approverRoles) {
        return requests.values().stream()
                .filter(r -> r.status() == ApprovalStatus.PENDING && approverRoles.contains(r.approverRole()))
                .sorted(Comparator.comparing(ApprovalRequest::createdAt))
                .toList();
    }
}
