/**
 * `shipdeck` — the command line over the same core as the app: serve browser mode, list and add
 * services, read history. Every error ends the process non-zero with one line that says why.
 */
import { version } from '../../../package.json';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { parseRefRange } from '../../shared/domain/ref-range';
import { createLocalConnection, type CoreConnection } from '../api/connection';
import { createCore } from '../core';
import { resolveDataDir } from '../data-dir';
import { assertKnownOptions, intOption, parseArgs, stringOption, UsageError, type ParsedArgs } from './args';
import { formatCommitLine, formatServiceLine } from './format';
import { serve } from './serve';
import { backupCommand, restoreCommand } from './store-maintenance';

const USAGE = `Usage: shipdeck <command> [options]

Commands:
  serve [--port N]                          Run Shipdeck in a browser (loopback only)
  services list [--json]                    List the services in the workspace
  services add <name> <repo-path> [--image host/path]
                                            Add a service from a local git repository
  history <service> [--range A..B] [--ref REF] [--search TEXT] [--author NAME]
          [--limit N] [--json]              Commits of a service (or between two refs)
  demo                                      Create the demo workspace
  backup                                    Back up the release store now (prints the file)
  restore <file>                            Put a backup back in place of the release store

Every command takes --data-dir DIR (default: $SHIPDECK_DATA_DIR, else the app's user-data folder).`;

const FLAGS = {
  booleans: new Set(['json', 'help', 'version']),
  values: new Set(['data-dir', 'port', 'image', 'range', 'ref', 'search', 'author', 'limit'])
};

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  const [command, ...rest] = args.positionals;
  if (args.options.has('version')) return print(version);
  if (!command || args.options.has('help')) return print(USAGE);
  const dataDir = resolveDataDir({ flag: stringOption(args, 'data-dir') });

  if (command === 'serve') {
    assertKnownOptions(args, ['data-dir', 'port']);
    await serve({ dataDir, port: intOption(args, 'port'), version });
    return 0;
  }
  // The store's own maintenance: they must not open the store through the core (restore replaces it).
  if (command === 'backup' || command === 'restore') {
    assertKnownOptions(args, ['data-dir']);
    return print(command === 'backup' ? await backupCommand(dataDir, rest) : await restoreCommand(dataDir, rest));
  }
  const core = createCore({ dataDir, mode: 'cli', version });
  const connection = createLocalConnection(core.handlers, () => core.close());
  try {
    return await runCommand(connection, command, rest, args);
  } finally {
    await connection.close();
  }
}

async function runCommand(core: CoreConnection, command: string, rest: readonly string[], args: ParsedArgs): Promise<number> {
  const json = args.options.has('json');
  switch (command) {
    case 'services': {
      const [sub, name, repoPath, ...extra] = rest;
      if (sub === 'list' && name === undefined) {
        assertKnownOptions(args, ['data-dir', 'json']);
        const services = await invoke(core, 'services.list', {});
        if (json) return print(JSON.stringify(services, null, 2));
        return print(services.length ? services.map(formatServiceLine).join('\n') : 'No services yet. Add one with: shipdeck services add <name> <repo-path>');
      }
      if (sub === 'add' && name !== undefined && repoPath !== undefined && extra.length === 0) {
        assertKnownOptions(args, ['data-dir', 'json', 'image']);
        const image = stringOption(args, 'image');
        const service = await invoke(core, 'services.add', { name, repoPath, ...(image ? { imageRepository: image } : {}) });
        return print(json ? JSON.stringify(service, null, 2) : `Added ${service.name} (${service.repoPath})`);
      }
      throw new UsageError('expected "services list" or "services add <name> <repo-path>"');
    }
    case 'history': {
      const [service, ...extra] = rest;
      if (service === undefined || extra.length) throw new UsageError('expected "history <service>"');
      assertKnownOptions(args, ['data-dir', 'json', 'range', 'ref', 'search', 'author', 'limit']);
      return history(core, service, args, json);
    }
    case 'demo': {
      assertKnownOptions(args, ['data-dir', 'json']);
      const service = await invoke(core, 'demo.open', {});
      return print(json ? JSON.stringify(service, null, 2) : `Demo service ${service.name} is ready (${service.repoPath})`);
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function history(core: CoreConnection, service: string, args: ParsedArgs, json: boolean): Promise<number> {
  const limit = intOption(args, 'limit');
  const range = stringOption(args, 'range');
  if (range !== undefined) {
    const parsed = parseRefRange(range);
    if ('error' in parsed) throw new UsageError(parsed.error);
    const comparison = await invoke(core, 'history.compare', { service, ...parsed, ...(limit ? { limit } : {}) });
    if (json) return print(JSON.stringify(comparison, null, 2));
    const lines = comparison.commits.map(formatCommitLine);
    lines.push(
      comparison.truncated
        ? `${comparison.commits.length} newest commits of ${parsed.from}..${parsed.to} shown; there are more (raise --limit)`
        : `${comparison.commits.length} commits in ${parsed.from}..${parsed.to}`
    );
    return print(lines.join('\n'));
  }
  const ref = stringOption(args, 'ref');
  const text = stringOption(args, 'search');
  const author = stringOption(args, 'author');
  const page = await invoke(core, 'history.commits', {
    service,
    offset: 0,
    limit: Math.min(limit ?? 50, 500),
    ...(ref ? { ref } : {}),
    ...(text ? { text } : {}),
    ...(author ? { author } : {})
  });
  return print(json ? JSON.stringify(page, null, 2) : page.commits.map(formatCommitLine).join('\n'));
}

/** Goes through the same validation and error envelope as the app's calls. */
async function invoke<N extends CallName>(core: CoreConnection, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await core.call(name, input);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.hint);
  return result.value as CallOutput<N>;
}

function print(text: string): number {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`shipdeck: ${error.message} (see shipdeck --help)\n`);
      process.exitCode = 2;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof AppError ? error.hint : undefined;
    process.stderr.write(`shipdeck: ${oneLine(message)}${hint ? ` — ${oneLine(hint)}` : ''}\n`);
    process.exitCode = 1;
  }
);
