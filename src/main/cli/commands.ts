/**
 * Every `shipdeck` command, in the order `--help` lists them. Adding a command is one entry here (and
 * its file under commands/).
 */
import type { CliCommand } from './command';
import { artifactsCommand, pruneCommand, registryLoginCommand, registryLogoutCommand } from './commands/artifacts';
import { experimentCommand } from './commands/experiment';
import { historyCommand } from './commands/history';
import { judgeCommand } from './commands/judge';
import { demoCommand, infoCommand, serveCommand } from './commands/misc';
import { logsCommand, runCommandEntry, runsCommand, watchCommand } from './commands/runs';
import { RELEASE_COMMANDS } from './commands/releases';
import { KUBERNETES_COMMANDS } from './commands/kubernetes';
import { backupCommand, restoreCommand } from './commands/store';
import { servicesAddCommand, servicesListCommand, servicesRemoveCommand, servicesSetPathCommand } from './commands/services';

export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  servicesListCommand,
  servicesAddCommand,
  servicesRemoveCommand,
  servicesSetPathCommand,
  historyCommand,
  runCommandEntry,
  runsCommand,
  logsCommand,
  watchCommand,
  demoCommand,
  infoCommand,
  backupCommand,
  restoreCommand,
  artifactsCommand,
  pruneCommand,
  registryLoginCommand,
  registryLogoutCommand,
  ...RELEASE_COMMANDS,
  ...KUBERNETES_COMMANDS,
  judgeCommand,
  experimentCommand
];

/** The command named by the first positionals (the longest match), or undefined. */
export function findCommand(positionals: readonly string[]): CliCommand | undefined {
  return [...COMMANDS]
    .sort((a, b) => b.words.length - a.words.length)
    .find((command) => command.words.every((word, index) => positionals[index] === word));
}
