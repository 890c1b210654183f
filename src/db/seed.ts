import { and, eq } from 'drizzle-orm';
import type { AppContext, SeedStep } from '../platform/module';
import { LOCKS } from './locks';
import { seedRuns } from './platform.schema';

/**
 * Runs each module's seed steps that have not run on this database yet, in module order, under a
 * lock so concurrent instances seed once. Reference data always; demo steps only with SEED_DEMO.
 */
export async function runSeeds(ctx: AppContext, steps: SeedStep[]): Promise<string[]> {
  return ctx.database.withLock(LOCKS.seed, async () => {
    const db = ctx.database.db;
    const ran: string[] = [];
    for (const step of steps) {
      if (step.demo && !ctx.config.SEED_DEMO) continue;
      const done = await db
        .select()
        .from(seedRuns)
        .where(and(eq(seedRuns.name, step.name), eq(seedRuns.version, step.version)));
      if (done.length) continue;
      const t0 = Date.now();
      await step.run(ctx);
      await db.insert(seedRuns).values({ name: step.name, version: step.version });
      ctx.log.info({ step: step.name, ms: Date.now() - t0 }, 'seed step done');
      ran.push(step.name);
    }
    return ran;
  });
}
