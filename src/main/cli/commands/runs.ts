import { calls } from '../../../shared/contract';
import type { RunUpdate } from '../../../shared/contract/pipelines';
import type { LogLine } from '../../../shared/domain/pipeline/run-events';
import type { PipelineRun } from '../../../shared/domain/pipeline-runs';
import { AppError } from '../../../shared/result';
import { intOption, stringOption, UsageError } from '../args';
import type { CliCommand, CommandContext } from '../command';
import { consume, invoke } from '../invoke';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled', 'interrupted']);

/** The exit code a run's end gives `shipdeck run`: 0 succeeded, 130 cancelled (as Ctrl-C), 1 otherwise. */
export const exitCodeOf = (status: PipelineRun['status']): number => (status === 'succeeded' ? 0 : status === 'cancelled' ? 130 : 1);

const seconds = (from: string | null, to: string | null): string => {
  if (from === null) return '-';
  const ms = (to === null ? Date.now() : Date.parse(to)) - Date.parse(from);
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
};

export function formatRunLine(run: PipelineRun): string {
  return [`#${run.id}`.padEnd(7), run.status.padEnd(11), run.commitSha.slice(0, 7), (run.ref ?? '-').padEnd(16), run.startedBy.padEnd(20), seconds(run.startedAt, run.finishedAt).padEnd(8), run.createdAt].join('  ');
}

function summary(run: PipelineRun): string {
  const stages = run.stages.map((stage) => `${stage.name} ${stage.status}${stage.exitCode !== null && stage.exitCode !== 0 ? ` (exit ${stage.exitCode})` : ''}`);
  return `run #${run.id} ${run.status} in ${seconds(run.startedAt, run.finishedAt)}${stages.length ? `: ${stages.join(', ')}` : ''}${run.error ? `\n${run.error}` : ''}`;
}

const runIdOf = (text: string): number => {
  const id = Number(text.replace(/^#/, ''));
  if (!Number.isSafeInteger(id) || id < 1) throw new UsageError(`"${text}" is not a run number (e.g. 12)`);
  return id;
};

/** Starts a run, prints every stage's log as it is written (prefixed by stage), and ends with the run's status. */
async function runCommand(context: CommandContext): Promise<number> {
  const [service = ''] = context.params;
  const ref = stringOption(context.args, 'ref');
  const core = context.core();
  const watching = new AbortController();
  context.signal.addEventListener('abort', () => watching.abort(), { once: true });
  const followed = new Map<string, Promise<void>>();
  let runId: number | null = null;
  let finished: PipelineRun | null = null;
  let resolveFinished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveFinished = resolve));
  const width = { value: 0 };

  const follow = (run: PipelineRun) => {
    width.value = Math.max(width.value, ...run.stages.map((stage) => stage.name.length));
    for (const stage of run.stages) {
      if (stage.status === 'pending' || followed.has(stage.name)) continue;
      if (stage.status === 'skipped' && stage.startedAt === null) continue;
      const prefix = `[${stage.name}]`.padEnd(width.value + 2);
      const printLines = (lines: readonly LogLine[]) => context.out.write(lines.map((line) => `${prefix} ${line.text}\n`).join(''));
      followed.set(stage.name, consume(core, 'runs.log', { runId: run.id, stage: stage.name }, printLines, watching.signal).catch(() => undefined));
    }
  };
  const onUpdate = (updates: readonly RunUpdate[]) => {
    for (const update of updates) {
      if (update.runId !== runId) continue;
      follow(update.run);
      if (FINISHED.has(update.run.status)) {
        finished = update.run;
        resolveFinished();
      }
    }
  };
  // Listen before starting, so no change of the new run is missed.
  const updates = consume(core, 'runs.updates', {}, onUpdate, watching.signal).catch(() => undefined);

  let cancelling = false;
  const onInterrupt = () => {
    if (runId === null) process.exit(130);
    if (cancelling) return;
    cancelling = true;
    context.out.note(`cancelling run #${runId}…`);
    void invoke(core, 'runs.cancel', { runId }).catch((error: unknown) => context.out.note(error instanceof Error ? error.message : String(error)));
  };
  process.on('SIGINT', onInterrupt);
  try {
    runId = (await invoke(core, 'runs.start', { service, ...(ref === undefined ? {} : { ref }) }, context.signal)).runId;
    const current = await invoke(core, 'runs.get', { runId });
    context.out.note(`run #${runId} of ${service} at ${current.commitSha.slice(0, 12)} (${ref ?? 'HEAD'})`);
    follow(current);
    if (FINISHED.has(current.status)) finished = current;
    else await done;
    await Promise.all(followed.values());
  } finally {
    process.off('SIGINT', onInterrupt);
    watching.abort();
    await updates;
  }
  const run = finished as PipelineRun | null;
  if (run === null) throw new AppError('INTERNAL', 'The run ended without a final status.');
  context.out.note(summary(run));
  return exitCodeOf(run.status);
}

async function listRuns(context: CommandContext): Promise<number> {
  const [service = ''] = context.params;
  const limit = intOption(context.args, 'limit') ?? 50;
  if (limit < 1 || limit > 500) throw new UsageError(`--limit must be 1–500, got ${limit}`);
  const page = await invoke(context.core(), 'runs.list', { service, limit }, context.signal);
  if (context.args.options.has('json')) return context.out.line(JSON.stringify(page.items, null, 2));
  if (page.items.length === 0) return context.out.line(`${service} has no pipeline runs yet (start one: shipdeck run ${service})`);
  context.out.line(page.items.map(formatRunLine).join('\n'));
  if (page.nextBeforeId !== null) context.out.note(`the newest ${page.items.length} runs shown; there are more (raise --limit)`);
  return 0;
}

async function showLogs(context: CommandContext): Promise<number> {
  const runId = runIdOf(context.params[0] ?? '');
  const only = stringOption(context.args, 'stage');
  const core = context.core();
  const run = await invoke(core, 'runs.get', { runId }, context.signal);
  const stages = only === undefined ? run.stages.filter((stage) => stage.startedAt !== null) : run.stages.filter((stage) => stage.name === only);
  if (only !== undefined && stages.length === 0) {
    throw new AppError('NOT_FOUND', `Run #${runId} has no stage "${only}".`, `Its stages: ${run.stages.map((stage) => stage.name).join(', ')}.`);
  }
  const width = Math.max(0, ...stages.map((stage) => stage.name.length));
  for (const stage of stages) {
    const prefix = only === undefined ? `${`[${stage.name}]`.padEnd(width + 2)} ` : '';
    await consume(core, 'runs.log', { runId, stage: stage.name }, (lines) => context.out.write(lines.map((line) => `${prefix}${line.text}\n`).join('')), context.signal);
  }
  if (run.error) context.out.note(run.error);
  return 0;
}

export const runCommandEntry: CliCommand = {
  words: ['run'],
  params: ['<service>'],
  options: ['--ref REF'],
  summary: `${calls['runs.start'].doc} Prints each stage's log as it runs; exits 0 when the run succeeded, 1 when it failed, 130 when cancelled (Ctrl-C cancels it).`,
  run: runCommand
};

export const runsCommand: CliCommand = {
  words: ['runs'],
  params: ['<service>'],
  options: ['--limit N', '--json'],
  summary: calls['runs.list'].doc,
  run: listRuns
};

export const logsCommand: CliCommand = {
  words: ['logs'],
  params: ['<run-id>'],
  options: ['--stage S'],
  summary: "A run's logs: every stage that ran, each line prefixed by its stage (or one stage with --stage).",
  run: showLogs
};

export const watchCommand: CliCommand = {
  words: ['watch'],
  params: ['<service>', '<branch|off>'],
  options: ['--json'],
  summary: calls['runs.setWatch'].doc,
  details: ['The Shipdeck app and `shipdeck serve` run the watch; one already running picks the change up when it next starts.'],
  run: async ({ core, params, args, out }) => {
    const [service = '', branch = ''] = params;
    const setting = await invoke(core(), 'runs.setWatch', { service, branch: branch === 'off' ? null : branch });
    if (args.options.has('json')) return out.line(JSON.stringify(setting, null, 2));
    return out.line(
      setting.branch === null
        ? `${setting.service}: branch watch off`
        : `${setting.service}: each new commit on ${setting.branch} starts a run`
    );
  }
};
