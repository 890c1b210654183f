// Small pieces every benchmark needs: a free port, a database of its own, and merging its figures
// into bench/results/<name>.json under the backend it ran on.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/** Writes `result` under `backend` in bench/results/<name>.json, keeping the other backend's figures. */
export function writeResult(name: string, backend: string, result: unknown): void {
  const out = path.join(ROOT, `bench/results/${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const prev = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(out, `${JSON.stringify({ ...prev, [backend]: result }, null, 2)}\n`);
  console.log(`wrote ${path.relative(ROOT, out)} (${backend})`);
}
