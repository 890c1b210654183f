import fs from 'node:fs';
import path from 'node:path';

export class DataDirBusyError extends Error {}

export interface DataDirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no cross-process lock, and a second process opening the same folder can corrupt it.
 * This lock file (created with O_EXCL) holds the owner's pid; a lock left by a dead process is
 * taken over.
 */
export function lockDataDir(dataDir: string, purpose: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'smartcity.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (owner.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: { pid: number; purpose: string; since: string } | undefined;
      try {
        owner = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof owner;
      } catch {
        owner = undefined; // Half-written by a process that died while creating it.
      }
      if (owner && alive(owner.pid) && owner.pid !== process.pid) {
        throw new DataDirBusyError(
          `The data folder ${dataDir} is in use by process ${owner.pid} (${owner.purpose}, since ${owner.since}).\n` +
            'The embedded database can only be opened by one process at a time. Stop that process first ' +
            '(Ctrl-C in its terminal, or kill ' +
            owner.pid +
            '), or use another DATA_DIR, or run on PostgreSQL with DATABASE_URL.',
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirBusyError(`Could not take the lock on ${dataDir}; another process keeps taking it.`);
}
