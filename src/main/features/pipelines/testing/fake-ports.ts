/** In-memory stand-ins for the runner's ports, for unit tests of the runner's rules. */
import type { LogLine } from '../../../../shared/domain/pipeline/run-events';
import { AppError } from '../../../../shared/result';
import type { BuiltImage, ContainerStagePort, ContainerStageSpec, ImageBuildPort, ImageBuildSpec, ImagePushSpec } from '../../../ports/pipeline-stages';
import type { LineSink, ProcessOutcome, ProcessPort, ProcessSpec } from '../../../ports/processes';
import type { NewLogLine, RunLogPort } from '../../../ports/run-logs';
import type { Checkout, WorktreePort } from '../../../ports/worktrees';

export const COMMIT = 'c0ffee0000000000000000000000000000000001';

export class FakeWorktrees implements WorktreePort {
  created: Checkout[] = [];
  removed: Checkout[] = [];
  constructor(private readonly files: Record<string, string>) {}
  async resolveCommit(_repo: string, ref: string): Promise<string> {
    if (ref === 'missing') throw new AppError('BAD_REF', '"missing" is not a branch, tag or commit.');
    return COMMIT;
  }
  async readFileAt(_repo: string, _commit: string, file: string): Promise<string | null> {
    return this.files[file] ?? null;
  }
  async create(repoPath: string, commit: string, label: string): Promise<Checkout> {
    const checkout = { path: `/fake/worktrees/${label}`, commit, repoPath };
    this.created.push(checkout);
    return checkout;
  }
  async remove(checkout: Checkout): Promise<void> {
    this.removed.push(checkout);
  }
  async removeLeftovers(): Promise<readonly string[]> {
    return [];
  }
}

export class MemoryLogs implements RunLogPort {
  readonly lines = new Map<string, LogLine[]>();
  failAppendsOf: string | null = null;
  async open(runId: string, stage: string) {
    const key = `${runId}/${stage}`;
    const stored = this.lines.get(key) ?? [];
    this.lines.set(key, stored);
    return {
      append: async (lines: readonly NewLogLine[]) => {
        if (this.failAppendsOf === stage) throw new AppError('STORE_FAILED', `The log of stage "${stage}" could not be written: the disk is full (ENOSPC).`);
        const numbered = lines.map((line, i) => ({ number: stored.length + i + 1, ...line }));
        stored.push(...numbered);
        return numbered;
      },
      get lineCount() {
        return stored.length;
      },
      close: async () => undefined
    };
  }
  text(runId: string, stage: string): string[] {
    return (this.lines.get(`${runId}/${stage}`) ?? []).map((line) => line.text);
  }
  async lineCount(runId: string, stage: string) {
    return this.lines.get(`${runId}/${stage}`)?.length ?? 0;
  }
  async read(runId: string, stage: string, from: number, count: number) {
    return (this.lines.get(`${runId}/${stage}`) ?? []).slice(from - 1, from - 1 + count);
  }
  async search() {
    return { matches: [], continueFrom: null };
  }
  async checkpoints(runId: string, stage: string) {
    const count = this.lines.get(`${runId}/${stage}`)?.length ?? 0;
    return { file: `${runId}/${stage}`, lineCount: count, byteCount: 0, offsets: [] };
  }
}

export interface ScriptedCommand {
  readonly lines?: readonly string[];
  readonly exitCode?: number;
  /** Resolves after this long; forever when undefined and `hang` is set. */
  readonly delayMs?: number;
  readonly hang?: boolean;
}

/** Host commands by their text: print lines, wait, exit; honour the abort signal like the real adapter. */
export class FakeProcesses implements ProcessPort {
  readonly started: ProcessSpec[] = [];
  running = 0;
  maxRunning = 0;
  constructor(private readonly script: Record<string, ScriptedCommand>) {}
  async run(spec: ProcessSpec, onLines: LineSink, signal?: AbortSignal): Promise<ProcessOutcome> {
    const command = this.script[spec.command] ?? {};
    this.started.push(spec);
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (command.lines) await onLines(command.lines.map((text) => ({ stream: 'stdout', text })));
      const stopped = await new Promise<boolean>((resolve) => {
        if (signal?.aborted) return resolve(true);
        const timer = command.hang ? null : setTimeout(() => resolve(false), command.delayMs ?? 1);
        signal?.addEventListener('abort', () => {
          if (timer) clearTimeout(timer);
          resolve(true);
        });
      });
      return stopped ? { kind: 'cancelled' } : { kind: 'exited', exitCode: command.exitCode ?? 0 };
    } finally {
      this.running -= 1;
    }
  }
}

export class FakeContainers implements ContainerStagePort {
  readonly runs: ContainerStageSpec[] = [];
  async run(spec: ContainerStageSpec, onLines: LineSink): Promise<ProcessOutcome> {
    this.runs.push(spec);
    await onLines([{ stream: 'stdout', text: `in ${spec.image}` }]);
    return { kind: 'exited', exitCode: 0 };
  }
}

export class FakeImages implements ImageBuildPort {
  readonly builds: ImageBuildSpec[] = [];
  readonly pushes: ImagePushSpec[] = [];
  async build(spec: ImageBuildSpec, onLines: LineSink): Promise<BuiltImage> {
    this.builds.push(spec);
    await onLines([{ stream: 'stdout', text: 'Step 1/1 : FROM busybox:1.36' }]);
    return { imageId: 'sha256:1234', tags: [`${spec.repository ?? 'local'}:${spec.commit}`] };
  }
  async push(spec: ImagePushSpec): Promise<{ repository: string; digest: string; tags: readonly string[] }> {
    this.pushes.push(spec);
    return { repository: spec.repository, digest: 'sha256:abcd', tags: spec.image.tags };
  }
}
