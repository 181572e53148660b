-- Per-app settings a person changes through the API; for now whether automatic sync is suspended.
CREATE TABLE app_setting (
    app        VARCHAR(255) PRIMARY KEY,
    suspended  BOOLEAN      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
