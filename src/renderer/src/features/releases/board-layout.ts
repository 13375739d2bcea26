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
 * Whether the targets could not be read though the records could: the environments where something is
 * recorded as running but whose health is unknown, with the first reason given (an environment where
 * nothing was ever deployed has no health to read). Count 0 when every target answered.
 */
export function unreadTargets(board: Pick<Board, 'services'>): { readonly count: number; readonly total: number; readonly reason: string | null } {
  const all = allEnvironments(board).filter((e) => e.current !== null);
  const unread = all.filter((e) => e.health === 'unknown');
  return { count: unread.length, total: all.length, reason: unread[0]?.healthDetail || null };
}

/** What a Promote button would move here, or why it cannot. */
export type PromoteOption =
  | { readonly kind: 'ready'; readonly from: string; readonly label: string; readonly digest: string }
  | { readonly kind: 'none'; readonly why: string };

/**
 * `previous` is the environment before this one in the service's promotion order (null for the first):
 * the core offers nothing to promote both when it runs nothing and when it runs the same artifact, and
 * the button says which.
 */
export function promoteOption(
  status: Pick<EnvironmentStatus, 'promotable' | 'current' | 'active' | 'position'>,
  previous: Pick<EnvironmentStatus, 'environment' | 'current'> | null,
  label: (artifact: { readonly digest: string; readonly version: string | null }) => string
): PromoteOption {
  const { promotable, current, active } = status;
  if (!previous || status.position === 0) return { kind: 'none', why: 'the first environment takes deploys, not promotions' };
  if (!promotable) {
    if (previous.current && current && previous.current.digest === current.digest) return { kind: 'none', why: `already runs what ${previous.environment} runs` };
    return { kind: 'none', why: `nothing runs in ${previous.environment} yet` };
  }
  if (active) return { kind: 'none', why: 'a release is already under way here' };
  return { kind: 'ready', from: promotable.fromEnvironment, label: label(promotable), digest: promotable.digest };
}

/** The environment before this one in its service's promotion order; null for the first. */
export function previousEnvironment(environments: readonly EnvironmentStatus[], status: Pick<EnvironmentStatus, 'position'>): EnvironmentStatus | null {
  return [...environments].filter((e) => e.position < status.position).sort((a, b) => b.position - a.position)[0] ?? null;
}
