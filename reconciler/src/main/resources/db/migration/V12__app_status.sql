-- What the leader last knew of each app, so that every instance's read API (a standby's too)
-- answers the same. Replaced per source after each reconcile, in a fenced transaction.
CREATE TABLE app_status (
    app           VARCHAR(255)  PRIMARY KEY,
    source        VARCHAR(255)  NOT NULL,
    revision      VARCHAR(64)   NOT NULL,
    sync_status   VARCHAR(16)   NOT NULL,
    result        VARCHAR(32)   NOT NULL,
    error         VARCHAR(8000) NOT NULL,
    reconciled_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX app_status_by_source ON app_status (source);
