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
 * so on a shared PostgreSQL exactly one instance does the work each time.
 */
export function createJobRunner(database: Database, log: Logger): JobRunner {
  const jobs = new Map<string, JobDef>();
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  async function runOnce(job: JobDef): Promise<boolean> {
    const r = await database.tryWithLock(lockKey(job.name), async () => {
      const t0 = Date.now();
      await job.run();
      log.debug({ job: job.name, ms: Date.now() - t0 }, 'job ran');
    });
    return r.ran;
  }

  return {
    register(job) {
      jobs.set(job.name, job);
    },
    async runNow(name) {
      const job = jobs.get(name);
      if (!job) throw new Error(`Unknown job ${name}`);
      return runOnce(job);
    },
    start() {
      for (const job of jobs.values()) {
        const t = setInterval(() => {
          if (stopped) return;
          const p = runOnce(job)
            .catch((err) => log.error({ err, job: job.name }, 'job failed'))
            .finally(() => running.delete(p));
          running.add(p);
        }, job.everyMs);
        t.unref();
        timers.push(t);
      }
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
