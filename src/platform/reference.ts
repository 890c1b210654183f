import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv';

// The Depok reference data shipped with the platform (copied from shared/data/depok, sources in
// reference/depok/SOURCES.md, notices in NOTICE).
export const REFERENCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reference/depok');

export function readReferenceCsv(rel: string): Record<string, string>[] {
  return parseCsv(fs.readFileSync(path.join(REFERENCE_DIR, rel), 'utf8'));
}

export function readReferenceJson<T>(rel: string): T {
  return JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, rel), 'utf8')) as T;
}
