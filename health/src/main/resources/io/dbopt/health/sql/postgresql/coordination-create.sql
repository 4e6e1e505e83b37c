-- Alert coordination: one row per alert (by fingerprint). The table placeholder below is the configured name, quoted.
CREATE TABLE IF NOT EXISTS {table} (
    fingerprint varchar(64) PRIMARY KEY,
    alertname varchar(200) NOT NULL,
    state varchar(16) NOT NULL,
    changed_at timestamptz NOT NULL,
    sent_at timestamptz NOT NULL,
    sent_by varchar(200) NOT NULL
)
