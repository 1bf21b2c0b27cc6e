-- Steward JDBC store, schema version 2, MariaDB and MySQL: captured prompts and answers.
-- Applied by steward.store.jdbc.migrate=true, or by hand after V1: mariadb DATABASE < V2__steward.sql
-- Every statement is idempotent, so running the script twice, or from two nodes at once, is harmless.
-- Table names start with the prefix steward_ (steward.store.jdbc.table-prefix); for another prefix replace it.

-- Captures for forensics, apart from the audit log: one row per captured call, keyed by its audit record id.
-- captured_at is UTC text of fixed width, so the retention purge deletes by a range of it.
CREATE TABLE IF NOT EXISTS steward_capture (
    audit_record_id VARCHAR(100) PRIMARY KEY,
    captured_at VARCHAR(30) NOT NULL,
    capability VARCHAR(255) NOT NULL,
    capture_mode VARCHAR(16) NOT NULL,
    prompt LONGTEXT,
    answer LONGTEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS steward_capture_at ON steward_capture (captured_at);

INSERT IGNORE INTO steward_schema_version (version, description) VALUES (2, 'captures');
