-- The health the leader last found for each app (Healthy, Progressing, Degraded, Missing; the API
-- adds Suspended), and when a failed revision is tried again, so that a standby's read API says
-- both as the leader would.
ALTER TABLE app_status ADD COLUMN health VARCHAR(16) DEFAULT 'Healthy' NOT NULL;
ALTER TABLE app_status ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
