-- A rolled-back app is pinned to the revision it was rolled back to, until it is resumed.
ALTER TABLE app_setting ADD COLUMN pinned_revision VARCHAR(64);
