/** Where each environment sits on the Environments board: services as rows, environments as columns. */
import type { Board, EnvironmentStatus } from '../../../../shared/domain/releases';

/**
 * Health and drift change without a release (a container dies, someone removes one by hand), so no hint
 * says so: the board reads the targets again this often while it is on screen.
 */
export const BOARD_REFRESH_MS = 30_000;

/**
 * The board's columns: every environment name, in promotion order. Services may have different
 * environments (`api`: dev → staging → prod, `web`: dev → prod, `jobs`: qa → prod); a name not seen yet
 * goes right before the next of its service's environments already placed (else last), so every
 * service's order reads left to right.
 */
export function boardColumns(board: Pick<Board, 'services'>): readonly string[] {
  const columns: string[] = [];
  for (const { environments } of board.services) {
    const ordered = [...environments].sort((a, b) => a.position - b.position).map((e) => e.environment);
    ordered.forEach((name, i) => {
      if (columns.includes(name)) return;
      const successor = ordered.slice(i + 1).find((next) => columns.includes(next));
      if (successor === undefined) columns.push(name);
      else columns.splice(columns.indexOf(successor), 0, name);
    });
  }
  return columns;
}

/** The cells of one service's row, one per column (null where the service has no such environment). */
export function rowCells(environments: readonly EnvironmentStatus[], columns: readonly string[]): readonly (EnvironmentStatus | null)[] {
  return columns.map((column) => environments.find((e) => e.environment === column) ?? null);
}

/** Every environment of every service, services in board order and environments in promotion order. */
export function allEnvironments(board: Pick<Board, 'services'>): readonly EnvironmentStatus[] {
  return board.services.flatMap(({ environments }) => [...environments].sort((a, b) => a.position - b.position));
}

/**
 * Whether the targets could not be read though the records could: the environments whose health is
 * unknown, with the first reason given. Empty when every target answered.
 */
export function unreadTargets(board: Pick<Board, 'services'>): { readonly count: number; readonly total: number; readonly reason: string | null } {
  const all = allEnvironments(board);
  const unread = all.filter((e) => e.health === 'unknown');
  return { count: unread.length, total: all.length, reason: unread[0]?.healthDetail || null };
}

/** What a Promote button would move here, or why it cannot. */
export type PromoteOption =
  | { readonly kind: 'ready'; readonly from: string; readonly label: string; readonly digest: string }
  | { readonly kind: 'none'; readonly why: string };

export function promoteOption(
  status: Pick<EnvironmentStatus, 'promotable' | 'current' | 'active' | 'position'>,
  label: (artifact: { readonly digest: string; readonly version: string | null }) => string
): PromoteOption {
  const { promotable, current, active } = status;
  if (!promotable) return { kind: 'none', why: status.position === 0 ? 'the first environment takes deploys, not promotions' : 'nothing runs in the previous environment yet' };
  if (active) return { kind: 'none', why: 'a release is already under way here' };
  if (current && current.digest === promotable.digest) return { kind: 'none', why: `already runs what ${promotable.fromEnvironment} runs` };
  return { kind: 'ready', from: promotable.fromEnvironment, label: label(promotable), digest: promotable.digest };
}
