/**
 * The shape of `.shipdeck/pipeline.yml` as zod checks it, before the cross-stage checks (unique names,
 * needs, cycles) that parse-pipeline.ts does. Strict everywhere: an unknown key is an error, since a
 * misspelt `timout:` silently ignored would be worse than a refusal.
 */
import { z } from 'zod';
import { MAX_STAGE_TIMEOUT_MS, parseDuration } from './duration';

export const STAGE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why a relative path would leave the checkout, or null when it stays inside. */
export function relativePathProblem(value: string): string | null {
  if (value.trim() === '') return 'is empty';
  if (value.includes('\0')) return 'contains a NUL character';
  if (value.startsWith('/') || value.startsWith('\\') || /^[A-Za-z]:/.test(value)) {
    return 'must be relative to the checkout, not absolute';
  }
  let depth = 0;
  for (const part of value.split(/[\\/]+/)) {
    if (part === '..') depth -= 1;
    else if (part !== '.' && part !== '') depth += 1;
    if (depth < 0) return 'leaves the checkout (".." goes above it)';
  }
  return null;
}

/** `a/./b/` → `a/b`; `.` for the checkout itself. Only for paths relativePathProblem accepts. */
export function normaliseRelativePath(value: string): string {
  const parts: string[] = [];
  for (const part of value.split(/[\\/]+/)) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

const relativePath = (what: string) =>
  z.string({ error: `${what} must be a path relative to the checkout` }).superRefine((value, ctx) => {
    const problem = relativePathProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `${what} "${value}" ${problem}` });
  });

const timeout = z
  .string({ error: 'timeout must be a duration with a unit, such as 90s, 10m or 1h' })
  .superRefine((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === null) ctx.addIssue({ code: 'custom', message: `timeout "${value}" is not a duration: write it like 90s, 10m, 1h or 1h30m` });
    else if (ms === 0) ctx.addIssue({ code: 'custom', message: 'timeout must be longer than 0s' });
    else if (ms > MAX_STAGE_TIMEOUT_MS) ctx.addIssue({ code: 'custom', message: `timeout "${value}" is longer than the limit of 24h` });
  });

const envValue = z.union([z.string(), z.number(), z.boolean()], {
  error: 'an env value must be a string, a number or true/false'
});

const env = z
  .record(z.string(), envValue, { error: 'env must be a mapping of NAME: value' })
  .superRefine((values, ctx) => {
    for (const name of Object.keys(values)) {
      if (!ENV_NAME.test(name)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `env name "${name}" must be letters, digits and "_", not starting with a digit` });
      }
    }
  });

export const stageSchema = z
  .strictObject(
    {
      name: z
        .string({ error: 'every stage needs a name' })
        .regex(STAGE_NAME, { error: 'a stage name is 1–63 characters of a–z, 0–9 and "-", starting with a letter or digit' }),
      needs: z.array(z.string({ error: 'needs lists stage names' }), { error: 'needs must be a list of stage names, such as [test, lint]' }).optional(),
      timeout: timeout.optional(),
      env: env.optional(),
      workdir: relativePath('workdir').optional(),
      run: z.string({ error: 'run must be a command (a string)' }).min(1, { error: 'run is empty' }).optional(),
      image: z.string({ error: 'image must be an image name such as busybox:1.36' }).min(1, { error: 'image is empty' }).optional(),
      build: z
        .strictObject(
          { dockerfile: relativePath('dockerfile').optional(), context: relativePath('context').optional() },
          { error: 'build must be a mapping: {} or { dockerfile: Dockerfile, context: . }' }
        )
        .nullable()
        .optional(),
      push: z.strictObject({}, { error: 'push takes no settings: write push: {}' }).nullable().optional(),
      deploy: z.string({ error: 'deploy names an environment, such as deploy: staging' }).optional()
    },
    { error: 'a stage must be a mapping with a name' }
  )
  .superRefine((stage, ctx) => {
    const kinds = (['run', 'build', 'push', 'deploy'] as const).filter((key) => stage[key] !== undefined);
    const [first, second] = kinds;
    if (first === undefined) {
      ctx.addIssue({ code: 'custom', message: `stage "${stage.name}" has nothing to do: give it one of run, build, push or deploy` });
    } else if (second !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [second],
        message: `stage "${stage.name}" has both ${first} and ${second}: a stage does one thing, so split it into two stages`
      });
    }
    if (stage.image !== undefined && stage.run === undefined) {
      ctx.addIssue({ code: 'custom', path: ['image'], message: `stage "${stage.name}" has an image but no run: image says where a run command runs` });
    }
  });

export const pipelineSchema = z.strictObject(
  {
    version: z.literal(1, { error: 'version must be 1 (the only version of the pipeline file so far)' }),
    stages: z
      .array(stageSchema, { error: 'stages must be a list of stages' })
      .min(1, { error: 'stages is empty: a pipeline needs at least one stage' })
  },
  { error: 'the pipeline file must be a mapping with version and stages' }
);

export type RawPipeline = z.infer<typeof pipelineSchema>;
export type RawStage = z.infer<typeof stageSchema>;
