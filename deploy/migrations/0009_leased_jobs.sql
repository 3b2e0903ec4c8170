-- Jobs that end (issue 20): every claim first buries the leased jobs whose lease expired on their
-- last allowed attempt, then claims an abandoned job (its worker stopped mid-way) alone, before
-- any batch. Both look only at running jobs whose lease has expired: this small index holds the
-- running jobs by lease expiry, so neither reads the pending queue.
CREATE INDEX IF NOT EXISTS extraction_jobs_leased ON extraction_jobs (lease_expire_time)
  WHERE state = 'running';
