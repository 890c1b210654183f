#!/usr/bin/env node
// `npm run bench [name…]`: runs every bench/*.ts (or the named ones, e.g. `npm run bench read-path`)
// one after the other; each prints its figures and writes bench/results/<name>.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const wanted = process.argv.slice(2).map((a) => a.replace(/^bench\//, '').replace(/\.ts$/, ''));
const all = fs
  .readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'lib.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`No benchmark named ${unknown.join(', ')}. Available: ${all.join(', ')}`);
  process.exit(2);
}
let status = 0;
for (const name of wanted.length ? wanted : all) {
  console.log(`\n=== bench/${name}.ts ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], { stdio: 'inherit' });
  if (r.status !== 0) status = r.status ?? 1;
}
process.exit(status);
