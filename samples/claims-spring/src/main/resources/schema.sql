CREATE TABLE IF NOT EXISTS claim (
    id VARCHAR(32) PRIMARY KEY,
    policy_holder VARCHAR(200) NOT NULL,
    description VARCHAR(2000) NOT NULL,
    amount BIGINT NOT NULL,
    status VARCHAR(32) NOT NULL
);
