import { calls } from '../../../shared/contract';
import type { ArtifactRow } from '../../../shared/domain/artifact-catalog';
import type { PrunePlanView, PruneResult } from '../../../shared/domain/artifact-operations';
import { stringOption, UsageError } from '../args';
import type { CliCommand } from '../command';
import { invoke } from '../invoke';
import { shortDigest } from '../../../shared/domain/artifacts';

/** The most artifacts one `artifacts.list` call returns (the contract's maximum). */
const PAGE_SIZE = 500;

/** What `shipdeck artifacts --json` prints per artifact: a stable shape scripts can rely on. */
const artifactJson = (artifact: ArtifactRow) => ({
  id: artifact.id,
  service: artifact.service,
  imageRepository: artifact.imageRepository,
  digest: artifact.digest,
  commit: artifact.commitSha,
  commitSubject: artifact.commitSubject,
  tags: artifact.tags,
  version: artifact.version,
  createdAt: artifact.createdAt,
  runId: artifact.pipelineRunId,
  pruned: artifact.pruned !== null,
  prunedAt: artifact.pruned?.at ?? null
});

const artifactLine = (artifact: ArtifactRow): string =>
  [
    shortDigest(artifact.digest),
    artifact.commitSha.slice(0, 7),
    (artifact.version ?? '-').padEnd(12),
    artifact.createdAt.slice(0, 16).replace('T', ' '),
    artifact.pruned ? 'pruned' : 'live  ',
    artifact.commitSubject
  ].join('  ');

export const artifactsCommand: CliCommand = {
  words: ['artifacts'],
  params: ['<service>'],
  options: ['--search TEXT', '--json'],
  summary: "A service's artifacts, newest first, pruned ones included: digest, commit, version, date, status (from the local record; works offline).",
  run: async ({ core, params, args, out, signal }) => {
    const [service = ''] = params;
    // An unknown service is an error, not an empty list.
    await invoke(core(), 'services.get', { service }, signal);
    const search = stringOption(args, 'search');
    const items: ArtifactRow[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke(
        core(),
        'artifacts.list',
        { service, limit: PAGE_SIZE, ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) },
        signal
      );
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    if (args.options.has('json')) return out.line(JSON.stringify(items.map(artifactJson), null, 2));
    if (items.length === 0) return out.line(`No artifacts recorded for ${service} yet.`);
    return out.line(items.map(artifactLine).join('\n'));
  }
};

const planText = (plan: PrunePlanView | PruneResult, dryRun: boolean): string => {
  const { policy } = plan;
  const lines = [
    `Policy for ${plan.service}: keep the newest ${policy.keepLast}, everything younger than ${policy.keepDays} days, and the last ${policy.keepPerEnvironment} of each environment.`
  ];
  if (plan.kind === 'plan') {
    lines.push(dryRun ? `Would prune ${plan.prune.length}:` : `Pruning ${plan.prune.length}:`);
    for (const artifact of plan.prune) lines.push(`  - ${artifactLine(artifact)}`);
  } else {
    const pruned = plan.outcomes.filter((o) => o.outcome === 'pruned').length;
    lines.push(`Pruned ${pruned} of ${plan.outcomes.length}:`);
    for (const outcome of plan.outcomes) lines.push(`  ${outcome.outcome === 'pruned' ? '-' : '!'} ${shortDigest(outcome.digest)}  ${outcome.outcome}: ${outcome.detail}`);
  }
  lines.push(`Keeping ${plan.keep.length}:`);
  for (const kept of plan.keep) lines.push(`  = ${artifactLine(kept.artifact)}\n      because: ${kept.reasons.join('; ')}`);
  return lines.join('\n');
};

export const pruneCommand: CliCommand = {
  words: ['prune'],
  params: ['<service>'],
  options: ['--dry-run', '--json'],
  summary: calls['artifacts.prune'].doc,
  details: ['Exits 1 when an artifact could not be pruned (the others are; the failed ones stay live).'],
  run: async ({ core, params, args, out, signal }) => {
    const [service = ''] = params;
    const dryRun = args.options.has('dry-run');
    const result = await invoke(core(), 'artifacts.prune', { service, dryRun }, signal);
    out.line(args.options.has('json') ? JSON.stringify(result, null, 2) : planText(result, dryRun));
    return result.kind === 'result' && result.outcomes.some((o) => o.outcome === 'failed') ? 1 : 0;
  }
};

/** Reads the whole of stdin (a password piped in: `echo "$TOKEN" | shipdeck registry login …`), without its final newline. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('--password-stdin reads the password from a pipe, e.g. printf %s "$TOKEN" | shipdeck registry login …');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export const registryLoginCommand: CliCommand = {
  words: ['registry', 'login'],
  params: ['<host>'],
  options: ['--username U', '--password-stdin', '--json'],
  summary: calls['registry.login'].doc,
  details: ['The password is read from stdin only (never an argument: it would show in the process list and the shell history).'],
  run: async ({ core, params, args, out, signal }) => {
    const [host = ''] = params;
    const username = stringOption(args, 'username');
    if (username === undefined) throw new UsageError('--username is required');
    if (!args.options.has('password-stdin')) throw new UsageError('--password-stdin is required: pipe the password in');
    const password = await readStdin();
    if (password === '') throw new UsageError('no password on stdin');
    const login = await invoke(core(), 'registry.login', { host, username, password }, signal);
    if (login.warning) out.note(login.warning);
    if (args.options.has('json')) return out.line(JSON.stringify(login, null, 2));
    return out.line(login.checked ? `Logged in to ${login.host} as ${login.username}` : `Saved credentials for ${login.host} (it lets anyone in, so they were not checked)`);
  }
};

export const registryLogoutCommand: CliCommand = {
  words: ['registry', 'logout'],
  params: ['<host>'],
  options: ['--json'],
  summary: calls['registry.logout'].doc,
  run: async ({ core, params, args, out, signal }) => {
    const [host = ''] = params;
    const result = await invoke(core(), 'registry.logout', { host }, signal);
    if (args.options.has('json')) return out.line(JSON.stringify(result, null, 2));
    return out.line(result.removed ? `Removed the credentials for ${result.host}` : `No credentials were saved for ${result.host}`);
  }
};
