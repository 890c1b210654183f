import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client';

export interface DomainEvent<T = unknown> {
  id: string;
  /** Dotted name: `covid.report.verified`, `wifi.ap.state_changed`, … */
  type: string;
  at: string;
  data: T;
}

export type EventHandler = (e: DomainEvent) => void;

export interface EventBus {
  /** Delivers to every subscriber on every instance (PostgreSQL: via NOTIFY). */
  publish<T>(type: string, data: T): Promise<void>;
  subscribe(fn: EventHandler): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'smartcity_events';
// NOTIFY payloads are capped at 8000 bytes; larger events carry a reference instead of the data.
const MAX_NOTIFY_BYTES = 7900;

/**
 * One bus per process. On PostgreSQL every event goes through NOTIFY and comes back through LISTEN,
 * so local and remote subscribers see the same stream once. PGlite is single-process, so it
 * delivers in memory.
 */
export async function createEventBus(database: Database): Promise<EventBus> {
  const handlers = new Set<EventHandler>();
  const deliver = (e: DomainEvent) => {
    for (const h of handlers) {
      try {
        h(e);
      } catch {
        // A failing subscriber must not stop the others.
      }
    }
  };
  let unlisten: (() => Promise<void>) | undefined;
  if (database.kind === 'postgres') {
    unlisten = await database.listen(CHANNEL, (payload) => {
      try {
        deliver(JSON.parse(payload) as DomainEvent);
      } catch {
        // Ignore payloads that are not ours.
      }
    });
  }
  return {
    async publish(type, data) {
      const e: DomainEvent = { id: randomUUID(), type, at: new Date().toISOString(), data };
      if (database.kind === 'postgres') {
        let payload = JSON.stringify(e);
        if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) {
          payload = JSON.stringify({ ...e, data: { truncated: true } });
        }
        await database.notify(CHANNEL, payload);
      } else {
        deliver(e);
      }
    },
    subscribe(fn) {
      handlers.add(fn);
      return () => handlers.delete(fn);
    },
    async close() {
      handlers.clear();
      if (unlisten) await unlisten();
    },
  };
}
