import pino from 'pino';
import { loadConfig } from '../config';
import { openPlatform, type Platform } from '../platform/boot';

/**
 * Runs a CLI command with the platform open: on a new data folder it migrates and seeds first,
 * exactly as `npm start` does; on a folder a running server holds, the lock refuses with a clear
 * message instead of corrupting it.
 */
export async function withPlatform<T>(purpose: string, fn: (p: Platform) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const platform = await openPlatform(config, { purpose, log });
  try {
    await platform.prepare();
    return await fn(platform);
  } finally {
    await platform.close();
  }
}
