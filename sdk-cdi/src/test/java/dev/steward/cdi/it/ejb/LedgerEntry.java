package dev.steward.cdi.it.ejb;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The application's own data: one row per claim it recorded, written in the caller's transaction. */
@Entity
public class LedgerEntry {

    @Id
    private String claimId;

    /** For JPA. */
    protected LedgerEntry() {}

    LedgerEntry(String claimId) {
        this.claimId = claimId;
    }

    String claimId() {
        return claimId;
    }
}
