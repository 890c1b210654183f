// Advisory lock keys (PostgreSQL bigint space). One registry so two features never share a key.
export const LOCKS = {
  migrate: 7_627_601,
  seed: 7_627_602,
  /** Jobs use JOB_LOCK_BASE + a stable hash of the job name. */
  jobBase: 7_700_000,
} as const;
