/** How release data reads in a terminal: events, the pre-flight, the status table and its JSON. */
import type { Board, EnvironmentStatus, ReleaseEvent, RollbackPreflight } from '../../../shared/domain/releases';

const short = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);
const time = (iso: string): string => iso.slice(11, 19);

export function formatReleaseEvent(event: ReleaseEvent): string {
  const weight = event.weight !== null ? ` [${event.weight} %]` : '';
  return `${time(event.at)} ${event.phase.padEnd(18)}${weight} ${event.detail ?? ''}${event.actor ? ` (${event.actor})` : ''}`.trimEnd();
}

const MARK = { ok: '✓', warning: '!', blocked: '✗' } as const;

export function formatPreflight(preflight: RollbackPreflight): string {
  const lines = [
    `rollback pre-flight: ${preflight.service} ${preflight.environment}`,
    `  from ${preflight.from ? `${preflight.from.version ?? short(preflight.from.digest)} (${preflight.from.commitSha.slice(0, 7)})` : 'nothing recorded'}`,
    `  to   ${preflight.to.version ?? short(preflight.to.digest)} (${preflight.to.commitSha.slice(0, 7)}, deployed ${preflight.to.deployedAt.slice(0, 16).replace('T', ' ')})`,
    ...preflight.checks.map((check) => `  ${MARK[check.status]} ${check.title}: ${check.detail}`)
  ];
  if (preflight.commits && preflight.commits.length > 0) {
    lines.push(`  commits taken out (${preflight.commits.length}):`);
    lines.push(...preflight.commits.slice(0, 20).map((commit) => `    ${commit.sha.slice(0, 7)} ${commit.subject}`));
    if (preflight.commits.length > 20) lines.push(`    … and ${preflight.commits.length - 20} more`);
  }
  for (const [title, diff] of [['settings', preflight.settingsDiff], ['container', preflight.containerDiff]] as const) {
    if (diff.length > 0) lines.push(`  ${title} changes:`, ...diff.map((change) => `    ${change.setting}: ${change.from} → ${change.to}`));
  }
  for (const migration of preflight.migrations) {
    lines.push(`  migration ${migration.file}: ${migration.backwardCompatible ? 'backward-compatible' : `NOT backward-compatible (${migration.kind})`} — ${migration.explanation}`);
  }
  return lines.join('\n');
}

const stateOf = (env: EnvironmentStatus): string => {
  if (env.active) {
    if (env.active.status === 'pending-approval') return `pending approval #${env.active.id}`;
    if (env.active.phase === 'paused') return `paused at ${env.active.weight ?? 0} % #${env.active.id}`;
    return `releasing #${env.active.id}${env.active.weight !== null ? ` (${env.active.weight} %)` : ''}`;
  }
  if (env.interrupted) return `interrupted #${env.interrupted.id}`;
  return env.current ? 'running' : 'empty';
};

export function formatStatusTable(board: Board): string {
  const rows = board.services.flatMap((service) =>
    service.environments.map((env) => [
      service.service,
      env.environment,
      env.current ? short(env.current.digest) : '-',
      env.current?.version ?? '-',
      env.current ? env.current.commitSha.slice(0, 7) : '-',
      stateOf(env) + (env.hold ? ' · held' : ''),
      env.health,
      env.drift.kind === 'drift' ? `drift: ${env.drift.reasons.join(' ')}` : env.drift.kind === 'unknown' ? `drift unknown` : ''
    ])
  );
  const header = ['SERVICE', 'ENV', 'DIGEST', 'VERSION', 'COMMIT', 'STATE', 'HEALTH', ''];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const render = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const lines = rows.length ? [render(header), ...rows.map(render)] : ['No services yet. Add one with: shipdeck services add <name> <repo-path>'];
  if (board.inbox.length > 0) lines.push('', 'waiting for a person:', ...board.inbox.map((item) => `  ${item.kind.padEnd(16)} ${item.service} ${item.environment}: ${item.summary}`));
  return lines.join('\n');
}

/** What `shipdeck status --json` prints: a stable shape for scripts. */
export function statusJson(board: Board) {
  return {
    checkedAt: board.checkedAt,
    environments: board.services.flatMap((service) =>
      service.environments.map((env) => ({
        service: service.service,
        environment: env.environment,
        target: env.targetKind,
        digest: env.current?.digest ?? null,
        version: env.current?.version ?? null,
        commit: env.current?.commitSha ?? null,
        deployedAt: env.current?.deployedAt ?? null,
        state: stateOf(env),
        activeRelease: env.active ? { id: env.active.id, status: env.active.status, phase: env.active.phase, weight: env.active.weight } : null,
        health: env.health,
        healthDetail: env.healthDetail,
        drift: env.drift,
        held: env.hold !== null,
        url: env.url
      }))
    ),
    inbox: board.inbox
  };
}
