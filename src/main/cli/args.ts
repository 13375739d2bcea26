/** A small argv parser: positionals, `--flag value`, `--flag=value`, boolean switches, and `-h` for --help. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(
  argv: readonly string[],
  flags: { readonly booleans: ReadonlySet<string>; readonly values: ReadonlySet<string> }
): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      options.set('help', true);
      continue;
    }
    if (/^-[^-]/.test(arg)) throw new UsageError(`unknown option ${arg}`);
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inlineValue] = splitOnce(arg.slice(2), '=');
    if (flags.booleans.has(name)) {
      options.set(name, true);
      continue;
    }
    if (!flags.values.has(name)) throw new UsageError(`unknown option --${name}`);
    const value = inlineValue ?? argv[++i];
    if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value`);
    }
    options.set(name, value);
  }
  return { positionals, options };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function intOption(args: ParsedArgs, name: string): number | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

/** Refuses options the command does not know, so a typo is not silently ignored. */
export function assertKnownOptions(args: ParsedArgs, known: readonly string[]): void {
  for (const name of args.options.keys()) {
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
  }
}
