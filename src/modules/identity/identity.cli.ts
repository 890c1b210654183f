import fs from 'node:fs';
import type { ZodError } from 'zod';
import { flag, UsageError } from '../../cli/args';
import { registerCommand } from '../../cli/main';
import { withPlatform } from '../../cli/platform-command';
import { invalid } from '../../platform/errors';
import { identityMessages } from './identity.messages';
import { CreateUserBody, MIN_PASSWORD } from './identity.dto';

// `smartcity user add|password` and `smartcity token create`. Cheap checks (email, role, password
// length) run before the data folder is opened, so a typo fails at once; scope existence and
// duplicates need the database.

const USER_USAGE =
  'usage: smartcity user add --email E --password P --role R [--scope S] [--name "Display Name"]\n' +
  '       smartcity user password --email E --password P\n' +
  '(--password - reads the password from standard input, keeping it out of the shell history)';

function readPassword(flags: Record<string, string | true>): string {
  const p = flag(flags, 'password', true);
  if (p !== '-') return p;
  return fs.readFileSync(0, 'utf8').split(/\r?\n/)[0];
}

function zodToInvalid(err: ZodError) {
  return invalid(
    'The user is not valid:',
    err.issues.map((i) => ({ path: `--${String(i.path[0] ?? 'input').replace('display_name', 'name')}`, message: i.message })),
  );
}

async function userCmd(positionals: string[], flags: Record<string, string | true>): Promise<void> {
  const sub = positionals[1];
  if (sub === 'add') {
    const parsed = CreateUserBody.safeParse({
      email: flag(flags, 'email', true),
      password: readPassword(flags),
      role: flag(flags, 'role', true),
      scope: flag(flags, 'scope'),
      display_name: flag(flags, 'name'),
    });
    if (!parsed.success) throw zodToInvalid(parsed.error);
    const b = parsed.data;
    await withPlatform('smartcity user add', async (p) => {
      const u = await p.ctx.services.identity.createUser({
        email: b.email,
        password: b.password,
        role: b.role,
        scope: b.scope,
        displayName: b.display_name,
      });
      process.stdout.write(`Created ${u.role} ${u.email}${u.scope ? ` (scope ${u.scope})` : ''}.\n`);
    });
    return;
  }
  if (sub === 'password') {
    const email = flag(flags, 'email', true);
    const password = readPassword(flags);
    if (password.length < MIN_PASSWORD) throw invalid(identityMessages.passwordTooShort({ min: MIN_PASSWORD }));
    await withPlatform('smartcity user password', async (p) => {
      const u = await p.ctx.services.identity.setPassword(email, password);
      process.stdout.write(`Password changed for ${u.email}; their browser sessions were ended.\n`);
    });
    return;
  }
  throw new UsageError(USER_USAGE);
}

async function tokenCmd(positionals: string[], flags: Record<string, string | true>): Promise<void> {
  if (positionals[1] !== 'create') throw new UsageError('usage: smartcity token create --email E [--name N]   (prints only the token)');
  const email = flag(flags, 'email', true);
  const name = flag(flags, 'name') ?? 'cli';
  await withPlatform('smartcity token create', async (p) => {
    const { token } = await p.ctx.services.identity.createToken(email, name);
    // Only the token on stdout, so `TOKEN=$(smartcity token create …)` works.
    process.stdout.write(`${token}\n`);
    process.stderr.write(`API token "${name}" created for ${email}. It is shown only once; use it as "Authorization: Bearer <token>".\n`);
  });
}

registerCommand(
  'user',
  userCmd,
  'user add|password …       create a user (--email --password --role [--scope] [--name]) or set a password',
);
registerCommand('token', tokenCmd, 'token create --email E     issue a personal API token (prints only the token)');
