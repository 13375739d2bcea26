import type { CliCommand } from './command';
import { COMMANDS } from './commands';

const synopsis = (command: CliCommand): string =>
  [...command.words, ...command.params, ...command.options.map((option) => `[${option}]`)].join(' ');

/** `--help`: every command with its arguments, options and what it does (the contract's doc). */
export function usage(): string {
  const lines = ['Usage: shipdeck <command> [options]', '', 'Commands:'];
  for (const command of COMMANDS) {
    lines.push(`  ${synopsis(command)}`, `      ${command.summary}`);
    for (const detail of command.details ?? []) lines.push(`      ${detail}`);
  }
  lines.push(
    '',
    'Every command takes --data-dir DIR (default: $SHIPDECK_DATA_DIR, else the app\'s user-data folder).',
    'shipdeck --help (or -h) prints this; shipdeck --version prints the version.'
  );
  return lines.join('\n');
}

/** What a command that was not found could have meant, for the error line. */
export function commandList(): string {
  return COMMANDS.map((command) => command.words.join(' ')).join(', ');
}
