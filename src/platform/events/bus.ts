import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
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
  /** How many subscribers this instance has (SSE clients included); for tests and metrics. */
  subscriberCount(): number;
  close(): Promise<void>;
}

/**
 * Delivered locally (never over NOTIFY) after the PostgreSQL LISTEN connection was lost and
 * re-established: events of the gap were missed, so caches should rebuild.
 */
export const BUS_RESYNC_EVENT = 'platform.events.resync';

const CHANNEL = 'smartcity_events';
// NOTIFY payloads are capped at 8000 bytes. Larger events are sent as base64 chunks in one
// transaction (delivered together, in order) and put back together by the receivers.
const MAX_NOTIFY_BYTES = 7900;
const CHUNK_CHARS = 7000;
/** Events are notifications, not bulk transfer: refuse anything bigger. */
export const MAX_EVENT_BYTES = 1_000_000;
const CHUNK_TTL_MS = 30_000;

interface Chunk {
  chunk: string;
  i: number;
  n: number;
  d: string;
}

function isChunk(v: unknown): v is Chunk {
  const c = v as Chunk;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.chunk === 'string' &&
    typeof c.i === 'number' &&
    typeof c.n === 'number' &&
    typeof c.d === 'string'
  );
}

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
  const partial = new Map<string, { parts: string[]; got: number; at: number }>();
  const onPayload = (payload: string) => {
    let msg: unknown;
    try {
      msg = JSON.parse(payload);
    } catch {
      return; // Not ours.
    }
    if (!isChunk(msg)) {
      const e = msg as DomainEvent;
      if (typeof e?.type === 'string' && typeof e.id === 'string') deliver(e);
      return;
    }
    const now = Date.now();
    for (const [k, v] of partial) if (now - v.at > CHUNK_TTL_MS) partial.delete(k);
    let p = partial.get(msg.chunk);
    if (!p) {
      p = { parts: new Array<string>(msg.n), got: 0, at: now };
      partial.set(msg.chunk, p);
    }
    if (p.parts[msg.i] === undefined) p.got++;
    p.parts[msg.i] = msg.d;
    if (p.got < msg.n) return;
    partial.delete(msg.chunk);
    onPayload(Buffer.from(p.parts.join(''), 'base64').toString('utf8'));
  };

  const cleanups: (() => Promise<void> | void)[] = [];
  if (database.kind === 'postgres') {
    cleanups.push(await database.listen(CHANNEL, onPayload));
    cleanups.push(
      database.onReconnect(() => deliver({ id: randomUUID(), type: BUS_RESYNC_EVENT, at: new Date().toISOString(), data: {} })),
    );
  }
  return {
    async publish(type, data) {
      const e: DomainEvent = { id: randomUUID(), type, at: new Date().toISOString(), data };
      if (database.kind !== 'postgres') {
        deliver(e);
        return;
      }
      const payload = JSON.stringify(e);
      const bytes = Buffer.byteLength(payload);
      if (bytes <= MAX_NOTIFY_BYTES) {
        await database.notify(CHANNEL, payload);
        return;
      }
      if (bytes > MAX_EVENT_BYTES)
        throw new Error(
          `Event ${type} is ${bytes} bytes; events are limited to ${MAX_EVENT_BYTES} bytes (send an id and let readers fetch the rest).`,
        );
      const b64 = Buffer.from(payload).toString('base64');
      const n = Math.ceil(b64.length / CHUNK_CHARS);
      await database.db.transaction(async (tx) => {
        for (let i = 0; i < n; i++) {
          const part = JSON.stringify({ chunk: e.id, i, n, d: b64.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS) } satisfies Chunk);
          await tx.execute(sql`select pg_notify(${CHANNEL}, ${part})`);
        }
      });
    },
    subscribe(fn) {
      handlers.add(fn);
      return () => handlers.delete(fn);
    },
    subscriberCount() {
      return handlers.size;
    },
    async close() {
      handlers.clear();
      for (const c of cleanups) await c();
    },
  };
}
