import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { lockDataDir } from '../../db/datadir-lock';
import { openPlatform } from '../../platform/boot';
import { createTestDatabase } from '../../../test/helpers';
import { DEMO_PASSWORD } from './identity.seed';

// The CLI as an operator runs it: `node bin/smartcity.js …` in a child process, on a fresh
// embedded data folder (and, on PostgreSQL runs, also against a database). The folder is set up
// the production way (SEED_DEMO=false: reference data only, the first admin made with the CLI),
// which also keeps this file fast.
const ROOT = path.resolve(import.meta.dirname, '../../..');
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function cli(args: string[], env: Record<string, string> = {}, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/smartcity.js', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...env },
        timeout: 60_000,
      },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartcity-cli-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('smartcity user / token (embedded database)', () => {
  test('user add on a new data folder leaves a complete platform; bad input fails fast with clear messages', async () => {
    // The input checks need no database, so they run alongside the first (migrating) command.
    const [admin, role, email, short, usage] = await Promise.all([
      cli([
        'user',
        'add',
        '--email',
        'kominfo@depok.go.id',
        '--password',
        'rahasia-admin',
        '--role',
        'admin',
        '--name',
        'Admin Diskominfo',
      ]),
      cli(['user', 'add', '--email', 'x@depok.go.id', '--password', 'rahasia123', '--role', 'lurah']),
      cli(['user', 'add', '--email', 'not-an-email', '--password', 'rahasia123', '--role', 'warga']),
      cli(['user', 'add', '--email', 'y@depok.go.id', '--password', 'short', '--role', 'warga']),
      cli(['user', 'delete']),
    ]);
    assert.equal(admin.code, 0, admin.stderr);
    assert.equal(admin.stdout, 'Created admin kominfo@depok.go.id.\n');
    // The folder is migrated and has its regions now, so an RW scope can be checked.
    const added = await cli([
      'user',
      'add',
      '--email',
      'RW5@depok.go.id',
      '--password',
      'rahasia123',
      '--role',
      'petugas_rw',
      '--scope',
      '32.76.01.1006/005',
      '--name',
      'Pak Ketua RW 005',
    ]);
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout, 'Created petugas_rw rw5@depok.go.id (scope 32.76.01.1006/005).\n');
    assert.equal(role.code, 1);
    assert.match(role.stderr, /--role: Unknown role\. Roles: warga, petugas_rw/);
    assert.equal(email.code, 1);
    assert.match(email.stderr, /--email: Use an email address/);
    assert.equal(short.code, 1);
    assert.match(short.stderr, /--password: The password must have at least 8 characters/);
    for (const r of [role, email, short]) assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /usage: smartcity user add/);
  });

  test('a duplicate email and an RW that does not exist are refused', async () => {
    const dup = await cli(['user', 'add', '--email', 'rw5@DEPOK.go.id', '--password', 'rahasia123', '--role', 'warga']);
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /A user with email rw5@depok\.go\.id already exists/);
    const noRw = await cli([
      'user',
      'add',
      '--email',
      'rw999@depok.go.id',
      '--password',
      'rahasia123',
      '--role',
      'petugas_rw',
      '--scope',
      '32.76.01.1006/999',
    ]);
    assert.equal(noRw.code, 1);
    assert.match(noRw.stderr, /RW 32\.76\.01\.1006\/999 does not exist/);
  });

  test('token create prints only the token; user password changes a password (read from stdin)', async () => {
    const tok = await cli(['token', 'create', '--email', 'rw5@depok.go.id', '--name', 'HP petugas']);
    assert.equal(tok.code, 0, tok.stderr);
    assert.match(tok.stdout, /^sc_[\w-]{40,}\n$/);
    const pw = await cli(['user', 'password', '--email', 'kominfo@depok.go.id', '--password', '-'], {}, 'ganti-password-1\n');
    assert.equal(pw.code, 0, pw.stderr);
    assert.match(pw.stdout, /Password changed for kominfo@depok\.go\.id/);
    const unknown = await cli(['token', 'create', '--email', 'nobody@depok.go.id']);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /No user with email nobody@depok\.go\.id/);

    // Open the folder the CLI left behind and check it as the server would see it.
    const config = loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
    const platform = await openPlatform(config, { purpose: 'cli test', log: pino({ level: 'silent' }) });
    try {
      await platform.prepare();
      const w = platform.ctx.services.wilayah;
      assert.equal((await w.listKecamatan()).length, 11);
      assert.equal((await w.allRwPoints()).length, 924);
      const app = await buildApp(platform.ctx, { logger: false });
      const me = await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${tok.stdout.trim()}` } });
      assert.equal(me.json().user.email, 'rw5@depok.go.id');
      assert.equal(me.json().user.display_name, 'Pak Ketua RW 005');
      const login = (email: string, password: string) =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      assert.equal((await login('kominfo@depok.go.id', 'rahasia-admin')).statusCode, 401, 'the old password no longer works');
      const ok = await login('kominfo@depok.go.id', 'ganti-password-1');
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().user.role, 'admin');
      assert.equal(ok.json().user.is_demo, false);
      // SEED_DEMO=false: no demo accounts in a production folder.
      assert.equal((await login('admin@demo.depok.go.id', DEMO_PASSWORD)).statusCode, 401);
      await app.close();
    } finally {
      await platform.close();
    }
  });

  test('a data folder held by another process is refused with the lock’s message', async () => {
    const lock = lockDataDir(dir, 'test holder');
    try {
      const r = await cli(['user', 'add', '--email', 'late@depok.go.id', '--password', 'rahasia123', '--role', 'warga']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`is in use by process ${process.pid} \\(test holder`));
      assert.match(r.stderr, /Stop that process first/);
    } finally {
      lock.release();
    }
  });
});

describe('smartcity user / token (PostgreSQL)', { skip: !process.env.DATABASE_URL && 'runs when DATABASE_URL is set' }, () => {
  test('user add and token create work against DATABASE_URL', async () => {
    const db = await createTestDatabase();
    await db.database.close();
    try {
      const env = { DATABASE_URL: db.url! };
      const add = await cli(
        ['user', 'add', '--email', 'opd@depok.go.id', '--password', 'rahasia123', '--role', 'operator_opd', '--scope', 'dpmptsp'],
        env,
      );
      assert.equal(add.code, 0, add.stderr);
      const tok = await cli(['token', 'create', '--email', 'opd@depok.go.id'], env);
      assert.equal(tok.code, 0, tok.stderr);
      assert.match(tok.stdout, /^sc_[\w-]{40,}\n$/);
    } finally {
      await db.drop();
    }
  });
});
