/**
 * `shipdeck` — the command line over the same core as the app: serve browser mode, manage services,
 * read history. Every error ends the process non-zero with one line that says why; a closed output pipe
 * ends it quietly. The commands themselves are listed in commands.ts.
 */
import { version } from '../../../package.json';
import { AppError } from '../../shared/result';
import { createLocalConnection, type CoreConnection } from '../api/connection';
import { createCore } from '../core';
import { resolveDataDir } from '../data-dir';
import { assertKnownOptions, parseArgs, stringOption, UsageError } from './args';
import { optionNames } from './command';
import { findCommand } from './commands';
import { Output } from './output';
import { commandList, usage } from './usage';

const FLAGS = {
  booleans: new Set(['json', 'help', 'version', 'dry-run', 'password-stdin', 'yes', 'approval', 'no-approval']),
  values: new Set([
    ...['data-dir', 'port', 'image', 'range', 'ref', 'search', 'author', 'limit', 'stage', 'username'],
    ...['target', 'instances', 'strategy', 'health', 'sticky', 'canary-steps', 'canary-pause', 'idle-hold', 'batch', 'artifact', 'to', 'reason', 'override'],
    ...['baseline', 'canary', 'direction', 'confidence'],
    ...['prometheus', 'analysis-window'],
    ...['context', 'namespace', 'deployment', 'rollout', 'kube-service', 'to-revision']
  ])
};

const stop = new AbortController();
// `shipdeck … | head -1`: the reader is gone, so stop the work (git is killed) and end quietly.
const out = new Output(() => {
  stop.abort();
  process.exit(0);
});

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (args.options.has('version')) return out.line(version);
  if (args.options.has('help')) return out.line(usage());
  if (args.positionals.length === 0) {
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  const command = findCommand(args.positionals);
  if (!command) {
    const words = args.positionals.slice(0, ['services', 'registry', 'env', 'hold'].includes(args.positionals[0] ?? '') ? 2 : 1).join(' ');
    throw new UsageError(`unknown command "${words}" (commands: ${commandList()})`);
  }
  const params = args.positionals.slice(command.words.length);
  if (params.length !== command.params.length) {
    const expected = [...command.words, ...command.params].join(' ');
    const extra = params.slice(command.params.length);
    throw new UsageError(extra.length > 0 ? `unexpected "${extra.join(' ')}" after ${expected}` : `expected "${expected}"`);
  }
  assertKnownOptions(args, optionNames(command));

  const dataDir = resolveDataDir({ flag: stringOption(args, 'data-dir') });
  let connection: CoreConnection | undefined;
  const core = (): CoreConnection => {
    if (!connection) {
      const opened = createCore({ dataDir, mode: 'cli', version });
      // The CLI reads its streams in the same process and never resumes one: nothing to keep for replay.
      connection = createLocalConnection(opened.handlers, () => opened.close(), { replayLimit: 0 });
    }
    return connection;
  };
  try {
    return await command.run({ params, args, dataDir, version, core, signal: stop.signal, out });
  } finally {
    await connection?.close();
  }
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
