import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { EventBus } from './events/bus';
import type { JobRunner } from './jobs/runner';
import type { Services } from '../modules';

/** What every module gets: configuration, the database handle, the event bus and the job runner. */
export interface AppContext {
  config: Config;
  database: Database;
  events: EventBus;
  jobs: JobRunner;
  log: Logger;
  /** Module services, built once per app (see src/modules/index.ts). */
  services: Services;
}

export interface SeedStep {
  /** Stable name; with `version`, recorded in seed_runs so a step runs once per database. */
  name: string;
  version: number;
  /** Demo steps are skipped when SEED_DEMO=false. */
  demo: boolean;
  run(ctx: AppContext): Promise<void>;
}

/** A module plugs into the app through this one shape (see src/modules/index.ts). */
export interface ModuleDef {
  name: string;
  routes?(app: FastifyInstance, ctx: AppContext): Promise<void> | void;
  seeds?: SeedStep[];
  /** Background work started with the server (jobs, MQTT subscriptions); returns a stopper. */
  start?(ctx: AppContext): Promise<(() => Promise<void>) | void>;
}
