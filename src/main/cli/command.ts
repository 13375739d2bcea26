import type { CoreConnection } from '../api/connection';
import type { ParsedArgs } from './args';
import type { Output } from './output';

/** What a command gets to run: its arguments, the core (opened on first use), and where to write. */
export interface CommandContext {
  /** The positional arguments after the command's words, one per entry of `params`. */
  readonly params: readonly string[];
  readonly args: ParsedArgs;
  readonly dataDir: string;
  readonly version: string;
  /** The core over the data folder, opened on first use and closed when the command ends. */
  core(): CoreConnection;
  /** Aborts when the command should stop early (its output pipe closed). */
  readonly signal: AbortSignal;
  readonly out: Output;
}

/** One `shipdeck` command. Every command is listed once, in commands.ts. */
export interface CliCommand {
  /** The words that name it, e.g. ['services', 'add']. */
  readonly words: readonly string[];
  /** Its positional arguments, e.g. ['<name>', '<repo-path>']; exactly these many are accepted. */
  readonly params: readonly string[];
  /** Options it accepts besides --data-dir, as `--help` shows them, e.g. ['--image host/path', '--json']. */
  readonly options: readonly string[];
  /** One line for `--help` (taken from the contract's doc where the command is one call). */
  readonly summary: string;
  /** Further lines for `--help`, e.g. the rule a limit follows. */
  readonly details?: readonly string[];
  run(context: CommandContext): Promise<number>;
}

/** The option names of a command (`--image host/path` → `image`), for assertKnownOptions. */
export const optionNames = (command: CliCommand): string[] => [
  'data-dir',
  ...command.options.flatMap((option) => [...option.matchAll(/--([a-z-]+)/g)].map((match) => match[1] ?? ''))
];
