-- Steward JDBC store, schema version 1, PostgreSQL.
-- Applied by steward.store.jdbc.migrate=true, or by hand: psql -v ON_ERROR_STOP=1 -f V1__steward.sql
-- Every statement is idempotent, so running the script twice, or from two nodes at once, is harmless.
-- Table names start with the prefix steward_ (steward.store.jdbc.table-prefix); for another prefix replace it.
-- Instants in *_at and ts columns are UTC text of fixed width (2026-11-23T10:00:00.000000000Z), so they sort.

CREATE TABLE IF NOT EXISTS steward_schema_version (
    version INTEGER PRIMARY KEY,
    description VARCHAR(200) NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The audit log: one row per record, numbered from 1; hash = SHA-256 of seq|prev_hash|canonical record.
CREATE TABLE IF NOT EXISTS steward_audit (
    seq BIGINT PRIMARY KEY,
    id VARCHAR(100) NOT NULL,
    ts VARCHAR(30) NOT NULL,
    capability VARCHAR(255) NOT NULL,
    principal VARCHAR(255),
    tenant VARCHAR(255),
    outcome VARCHAR(32) NOT NULL,
    approval_id VARCHAR(100),
    prev_hash CHAR(64) NOT NULL,
    hash CHAR(64) NOT NULL,
    record TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS steward_audit_id ON steward_audit (id);
CREATE INDEX IF NOT EXISTS steward_audit_ts ON steward_audit (ts);
CREATE INDEX IF NOT EXISTS steward_audit_capability ON steward_audit (capability, ts);
CREATE INDEX IF NOT EXISTS steward_audit_principal ON steward_audit (principal, ts);
CREATE INDEX IF NOT EXISTS steward_audit_tenant ON steward_audit (tenant, ts);
CREATE INDEX IF NOT EXISTS steward_audit_approval ON steward_audit (approval_id);

-- The chain head: one row, locked by every append, so that all nodes extend one chain.
CREATE TABLE IF NOT EXISTS steward_audit_head (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash CHAR(64) NOT NULL
);
INSERT INTO steward_audit_head (id, seq, hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
    ON CONFLICT (id) DO NOTHING;

-- Budgets: spent and reserved per budget key; expires_at in epoch seconds.
CREATE TABLE IF NOT EXISTS steward_budget (
    budget_key VARCHAR(512) PRIMARY KEY,
    spent BIGINT NOT NULL,
    reserved BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS steward_budget_expiry ON steward_budget (expires_at);
CREATE TABLE IF NOT EXISTS steward_budget_reservation (
    id VARCHAR(64) PRIMARY KEY,
    budget_key VARCHAR(512) NOT NULL,
    amount BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS steward_budget_reservation_expiry ON steward_budget_reservation (expires_at);

-- Approval requests, with the held answer (output) released once approved.
CREATE TABLE IF NOT EXISTS steward_approval (
    id VARCHAR(100) PRIMARY KEY,
    capability VARCHAR(255) NOT NULL,
    requester_principal VARCHAR(255),
    requester_roles VARCHAR(4000) NOT NULL,
    requester_tenant VARCHAR(255),
    correlation_id VARCHAR(255) NOT NULL,
    approver_role VARCHAR(255) NOT NULL,
    output TEXT NOT NULL,
    confidence DOUBLE PRECISION,
    created_at VARCHAR(30) NOT NULL,
    expires_at VARCHAR(30) NOT NULL,
    status VARCHAR(16) NOT NULL,
    decided_by VARCHAR(255),
    decided_at VARCHAR(30),
    reason TEXT
);
CREATE INDEX IF NOT EXISTS steward_approval_pending ON steward_approval (status, approver_role, created_at);

INSERT INTO steward_schema_version (version, description) VALUES (1, 'audit chain, budgets, approvals')
    ON CONFLICT (version) DO NOTHING;
