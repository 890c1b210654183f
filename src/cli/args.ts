/** Minimal flag parser: `--key value`, `--key=value`, `--flag`; the rest are positionals. */
export function parseArgs(argv: string[]): { positionals: string[]; flags: Record<string, string | true> } {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags[a.slice(2)] = argv[++i];
      else flags[a.slice(2)] = true;
    } else positionals.push(a);
  }
  return { positionals, flags };
}

export class UsageError extends Error {}

export function flag(flags: Record<string, string | true>, name: string, required: true): string;
export function flag(flags: Record<string, string | true>, name: string, required?: false): string | undefined;
export function flag(flags: Record<string, string | true>, name: string, required = false): string | undefined {
  const v = flags[name];
  if (v === true) throw new UsageError(`--${name} needs a value`);
  if (required && v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}
