import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import { LOCKS } from '../../db/locks';

export interface JobDef {
  /** Stable name; its hash picks the advisory lock key. */
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

export interface JobRunner {
  register(job: JobDef): void;
  /** Runs a job now (if no instance is running it); used by tests and the CLI. */
  runNow(name: string): Promise<boolean>;
  start(): void;
  stop(): Promise<void>;
}

function lockKey(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return LOCKS.jobBase + (Math.abs(h) % 100_000);
}

/**
 * Periodic jobs. Every instance schedules every job; each run first takes the job's advisory lock,
 * so on a shared PostgreSQL exactly one instance does the work at a time (a run that finds the
 * lock taken is skipped, not queued). Each wait is jittered by ±10 % so instances do not stay in
 * lock-step: whichever instance is up and free takes the next run.
 */
export function createJobRunner(database: Database, log: Logger): JobRunner {
  const jobs = new Map<string, JobDef>();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let started = false;
  let stopped = false;

  async function runOnce(job: JobDef): Promise<boolean> {
    const r = await database.tryWithLock(lockKey(job.name), async () => {
      const t0 = Date.now();
      await job.run();
      log.debug({ job: job.name, ms: Date.now() - t0 }, 'job ran');
    });
    return r.ran;
  }

  function schedule(job: JobDef): void {
    if (stopped) return;
    const delay = Math.max(1, Math.round(job.everyMs * (0.9 + Math.random() * 0.2)));
    const t = setTimeout(() => {
      timers.delete(t);
      if (stopped) return;
      // The next wait starts when this run ends, so a slow run never piles up behind itself.
      const p = runOnce(job)
        .catch((err) => log.error({ err, job: job.name }, 'job failed'))
        .finally(() => {
          running.delete(p);
          schedule(job);
        });
      running.add(p);
    }, delay);
    t.unref();
    timers.add(t);
  }

  return {
    register(job) {
      if (jobs.has(job.name)) throw new Error(`Job ${job.name} is registered twice`);
      if (!(job.everyMs > 0)) throw new Error(`Job ${job.name}: everyMs must be positive`);
      jobs.set(job.name, job);
      if (started) schedule(job);
    },
    async runNow(name) {
      const job = jobs.get(name);
      if (!job) throw new Error(`Unknown job ${name}`);
      return runOnce(job);
    },
    start() {
      if (started) return;
      started = true;
      for (const job of jobs.values()) schedule(job);
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
