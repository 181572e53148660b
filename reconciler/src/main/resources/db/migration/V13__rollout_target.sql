-- Several targets: each rollout (history) and each journaled rollout says which target (Docker
-- engine, named in driftless.yaml) it ran on. Rows from before multi-target support ran on the
-- local engine. Portable SQL: the same migration runs on H2 (default) and PostgreSQL.
ALTER TABLE rollout ADD COLUMN target VARCHAR(255) DEFAULT 'local' NOT NULL;
ALTER TABLE journal_rollout ADD COLUMN target VARCHAR(255) DEFAULT 'local' NOT NULL;
