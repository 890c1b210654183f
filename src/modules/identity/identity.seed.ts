import type { Role } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import type { AppContext, SeedStep } from '../../platform/module';
import { hashPassword } from './identity.crypto';
import * as repo from './identity.repo';
import { auditUser } from './identity.service';

/** The published demo password (README); demo accounts exist only when SEED_DEMO is on. */
export const DEMO_PASSWORD = 'Depok2026!';
export const DEMO_DOMAIN = 'demo.depok.go.id';

/** One demo account per role: `<role>@demo.depok.go.id`. Scopes are plain codes/ids, so no wilayah lookup is needed. */
export const DEMO_ACCOUNTS: { role: Role; displayName: string; scope: string | null }[] = [
  { role: 'admin', displayName: 'Admin Diskominfo (demo)', scope: null },
  { role: 'warga', displayName: 'Warga Depok (demo)', scope: null },
  { role: 'petugas_rw', displayName: 'Petugas RW 001 Kel. Depok (demo)', scope: '32.76.01.1006/001' },
  { role: 'puskesmas', displayName: 'Puskesmas Pancoran Mas (demo)', scope: '32.76.01' },
  { role: 'dinkes', displayName: 'Dinas Kesehatan Kota Depok (demo)', scope: '32.76' },
  { role: 'operator_opd', displayName: 'Operator Diskominfo (demo)', scope: 'diskominfo' },
  { role: 'penjual', displayName: 'Penjual Toko Demo 1 (demo)', scope: 'toko-demo-1' },
  { role: 'operator_outlet', displayName: "Operator D'Comart 1 (demo)", scope: 'dcomart-1' },
  { role: 'walidata', displayName: 'Walidata Diskominfo (demo)', scope: 'diskominfo' },
  { role: 'produsen_data', displayName: 'Produsen Data Dinkes (demo)', scope: 'dinkes' },
  { role: 'evaluator', displayName: 'Evaluator Smart City (demo)', scope: null },
  { role: 'wifi_fleet', displayName: 'Armada Wi-Fi Kota (demo)', scope: null },
];

export const demoEmail = (role: Role) => `${role}@${DEMO_DOMAIN}`;

async function seedDemoAccounts(ctx: AppContext): Promise<void> {
  // One hash for all: the password is public anyway, and 12 argon2 runs would slow every first start.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created = await ctx.database.db.transaction(async (tx) => {
    const rows = await repo.insertUsersIfAbsent(
      tx,
      DEMO_ACCOUNTS.map((a) => ({
        email: demoEmail(a.role),
        displayName: a.displayName,
        passwordHash,
        role: a.role,
        scope: a.scope,
        isDemo: true,
      })),
    );
    for (const u of rows)
      await recordAudit(tx, { actor: null, action: 'create', entity: 'identity.user', entityId: u.id, after: auditUser(u) });
    return rows.length;
  });
  // Never log the password: the README lists the accounts.
  ctx.log.info({ count: created }, 'demo accounts created: see README');
}

export const identitySeeds: SeedStep[] = [{ name: 'identity.demo-accounts', version: 1, demo: true, run: seedDemoAccounts }];
