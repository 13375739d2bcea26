/**
 * Reads `.shipdeck/pipeline.yml` text into a PipelineDefinition, or refuses it with every problem found,
 * each naming its line and column. Nothing runs from a file that did not pass here.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { AppError, type AppErrorData } from '../../result';
import {
  DEFAULT_STAGE_TIMEOUT_MS,
  PIPELINE_FILE_VERSION,
  type PipelineDefinition,
  type PipelineStage
} from './definition';
import { parseDuration } from './duration';
import { ancestors, findCycle } from './graph';
import { pipelineSchema, normaliseRelativePath, type RawPipeline, type RawStage } from './schema';
import { positionOf } from './yaml-positions';

export interface PipelineProblem {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly message: string;
}

export type PipelineParseResult =
  | { readonly ok: true; readonly definition: PipelineDefinition }
  | { readonly ok: false; readonly problems: readonly PipelineProblem[]; readonly error: AppErrorData };

type Locate = (path: readonly PropertyKey[], key?: string) => { line: number; column: number };

/** The single error that sums up a refused file: the first problem in full, and how many there are. */
export function pipelineError(problems: readonly PipelineProblem[], fileName = '.shipdeck/pipeline.yml'): AppError {
  const [first] = problems;
  const where = first ? ` line ${first.line}, column ${first.column}: ${first.message}` : '';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new AppError(
    'INVALID_PIPELINE',
    `${fileName} is not valid —${where}${more}.`,
    `Fix ${fileName} in the repository, commit it, and start the run again. Nothing was run.`
  );
}

function yamlProblems(doc: Document, lines: LineCounter): PipelineProblem[] {
  return doc.errors.map((error) => {
    const offset = error.pos[0];
    const { line, col } = lines.linePos(offset);
    // yaml's message repeats the position and quotes the source below it; keep the sentence only.
    const sentence = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
    return { line, column: col, message: `YAML syntax: ${sentence}` };
  });
}

function schemaProblems(issues: readonly z.core.$ZodIssue[], locate: Locate, raw: unknown): PipelineProblem[] {
  const stageName = (index: unknown): string | null => {
    const stages = (raw as { stages?: unknown } | null)?.stages;
    const stage: unknown = Array.isArray(stages) && typeof index === 'number' ? stages[index] : undefined;
    const name = (stage as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' ? name : null;
  };
  const label = (path: readonly PropertyKey[]): string => {
    if (path[0] !== 'stages' || path.length < 2) return path.map(String).join('.');
    const name = stageName(path[1]);
    const stage = name === null ? `stages[${String(path[1])}]` : `stage "${name}"`;
    const rest = path.slice(2).map(String).join('.');
    return rest === '' ? stage : `${stage}, ${rest}`;
  };
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        ...locate(issue.path, key),
        message: `${label(issue.path) || 'the file'}: unknown key "${key}"`
      }));
    }
    const where = label(issue.path);
    return [{ ...locate(issue.path), message: where === '' || issue.message.startsWith('stage "') ? issue.message : `${where}: ${issue.message}` }];
  });
}

function graphProblems(raw: RawPipeline, locate: Locate): PipelineProblem[] {
  const problems: PipelineProblem[] = [];
  const firstIndex = new Map<string, number>();
  raw.stages.forEach((stage, index) => {
    const earlier = firstIndex.get(stage.name);
    if (earlier === undefined) firstIndex.set(stage.name, index);
    else {
      const { line } = locate(['stages', earlier, 'name']);
      problems.push({ ...locate(['stages', index, 'name']), message: `stage name "${stage.name}" is used twice (first on line ${line}): names must be unique` });
    }
  });
  raw.stages.forEach((stage, index) => {
    (stage.needs ?? []).forEach((need, needIndex) => {
      if (!firstIndex.has(need)) {
        problems.push({ ...locate(['stages', index, 'needs', needIndex]), message: `stage "${stage.name}" needs "${need}", but no stage has that name` });
      }
    });
  });
  const nodes = raw.stages.map((stage) => ({ name: stage.name, needs: stage.needs ?? [] }));
  const cycle = findCycle(nodes);
  if (cycle) {
    const [from] = cycle;
    const index = raw.stages.findIndex((stage) => stage.name === from);
    problems.push({ ...locate(['stages', index, 'needs']), message: `the stages depend on each other in a cycle: ${cycle.join(' → ')}` });
    return problems; // the checks below walk the graph
  }
  raw.stages.forEach((stage, index) => {
    if (stage.deploy !== undefined) {
      problems.push({
        ...locate(['stages', index], 'deploy'),
        message: `deployments are not available yet: remove the deploy stage "${stage.name}" (or comment it out) and deploy by hand for now — Shipdeck will not pretend to deploy`
      });
    }
    if (stage.push !== undefined) {
      const above = ancestors(nodes, stage.name);
      const builds = raw.stages.map((other) => other.name).filter((name) => above.has(name)).filter((name) => raw.stages.find((other) => other.name === name)?.build !== undefined);
      if (builds.length === 0) {
        problems.push({ ...locate(['stages', index], 'push'), message: `push stage "${stage.name}" has no build stage to push: add needs: [<your build stage>]` });
      } else if (builds.length > 1) {
        problems.push({
          ...locate(['stages', index], 'push'),
          message: `push stage "${stage.name}" depends on several build stages (${builds.join(', ')}): one push stage pushes one image, so give each build its own push`
        });
      }
    }
  });
  return problems;
}

function toStage(raw: RawStage, all: readonly RawStage[]): PipelineStage {
  const common = {
    name: raw.name,
    needs: raw.needs ?? [],
    timeoutMs: raw.timeout === undefined ? DEFAULT_STAGE_TIMEOUT_MS : (parseDuration(raw.timeout) ?? DEFAULT_STAGE_TIMEOUT_MS),
    env: Object.fromEntries(Object.entries(raw.env ?? {}).map(([name, value]) => [name, String(value)])),
    workdir: normaliseRelativePath(raw.workdir ?? '.')
  };
  if (raw.run !== undefined) return { ...common, kind: 'run', run: raw.run, image: raw.image ?? null };
  if (raw.build !== undefined) {
    return {
      ...common,
      kind: 'build',
      dockerfile: normaliseRelativePath(raw.build?.dockerfile ?? 'Dockerfile'),
      context: normaliseRelativePath(raw.build?.context ?? '.')
    };
  }
  if (raw.push !== undefined) {
    const nodes = all.map((stage) => ({ name: stage.name, needs: stage.needs ?? [] }));
    const build = [...ancestors(nodes, raw.name)].find((name) => all.find((stage) => stage.name === name)?.build !== undefined);
    return { ...common, kind: 'push', build: build ?? '' };
  }
  return { ...common, kind: 'deploy', environment: raw.deploy ?? '' };
}

function refuse(problems: readonly PipelineProblem[], fileName: string): PipelineParseResult {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems: sorted, error: pipelineError(sorted, fileName).toData() };
}

/** Parses and validates the text of a pipeline file. Pure; never throws on bad input. */
export function parsePipeline(text: string, fileName = '.shipdeck/pipeline.yml'): PipelineParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) return refuse(yamlProblems(doc, lines), fileName);
  if (doc.contents === null) {
    return refuse([{ line: 1, column: 1, message: 'the pipeline file is empty: it needs version: 1 and a list of stages' }], fileName);
  }
  const locate: Locate = (path, key) => positionOf(doc, lines, path, key);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch {
    // yaml refuses to expand an alias bomb ("billion laughs"); a pipeline file never needs that many.
    return refuse([{ line: 1, column: 1, message: 'the file expands YAML aliases (*name) too many times: write the stages out' }], fileName);
  }
  const checked = pipelineSchema.safeParse(raw);
  if (!checked.success) return refuse(schemaProblems(checked.error.issues, locate, raw), fileName);
  const problems = graphProblems(checked.data, locate);
  if (problems.length > 0) return refuse(problems, fileName);
  return {
    ok: true,
    definition: { version: PIPELINE_FILE_VERSION, stages: checked.data.stages.map((stage) => toStage(stage, checked.data.stages)) }
  };
}
