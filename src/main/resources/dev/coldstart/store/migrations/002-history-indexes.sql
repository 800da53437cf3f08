-- coldstart results store, version 2: indexes for `coldstart history` (one series in commit order)
-- and for finding a commit's recordings (bisect).
CREATE INDEX recording_series ON recording (entry, interpreter, python_version, machine_id, limits, ordered_at);
CREATE INDEX recording_commit ON recording (commit_sha);
