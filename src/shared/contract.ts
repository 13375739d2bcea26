/**
 * The one API between main, preload and renderer (and the browser host, and the CLI). Each call has a
 * name, a zod schema that main validates every input against, and a result type. Each stream event has
 * a name and a payload type. Preload and the renderer's client are derived from this file; no channel
 * name is written anywhere else.
 */
import { z } from 'zod';
import type { Branch, CommitDetail, CommitPage, RefComparison, Tag } from './domain/history';
import { refProblem } from './domain/ref-range';
import { TARGET_KINDS, type AuditEntry, type Service } from './domain/workspace';

/** Declares a call: the output type is carried only at the type level. */
const call =
  <Output>() =>
  <Input extends z.ZodType>(input: Input, doc: string) => ({ input, doc, output: null as unknown as Output });

const serviceName = z
  .string({ error: 'service name is required' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    error: 'service name must be 1–64 characters: letters, digits, ".", "_" or "-", starting with a letter or digit'
  });

const gitRef = z.string({ error: 'ref is required' }).superRefine((ref, ctx) => {
  const problem = refProblem(ref);
  if (problem) ctx.addIssue({ code: 'custom', message: `ref "${ref.slice(0, 80)}" ${problem}` });
});

const filesystemPath = z
  .string({ error: 'a path is required' })
  .min(1, { error: 'the path is empty' })
  .max(4096, { error: 'the path is longer than 4096 characters' })
  .refine((p) => !p.includes('\0'), { error: 'the path contains a NUL character' });

const environmentInput = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, {
    error: 'environment name must be 1–32 lowercase letters, digits or "-", e.g. "staging"'
  }),
  targetKind: z.enum(TARGET_KINDS, { error: `target kind must be one of: ${TARGET_KINDS.join(', ')}` }),
  requiresApproval: z.boolean()
});

const noInput = z.strictObject({});

export interface AppInfo {
  readonly version: string;
  readonly mode: 'electron' | 'browser';
  readonly dataDir: string;
  readonly platform: string;
}

export const calls = {
  'app.info': call<AppInfo>()(noInput, 'Version, mode and data folder of this Shipdeck.'),

  'services.list': call<readonly Service[]>()(noInput, 'Every service in the workspace, by name.'),
  'services.get': call<Service>()(z.strictObject({ service: serviceName }), 'One service with its environments.'),
  'services.add': call<Service>()(
    z.strictObject({
      name: serviceName,
      repoPath: filesystemPath,
      imageRepository: z
        .string()
        .regex(/^[a-z0-9.-]+(?::\d+)?(?:\/[a-z0-9._-]+)+$/, {
          error: 'image repository must look like host[:port]/path, e.g. 127.0.0.1:5000/shop/api'
        })
        .optional()
    }),
    'Adds a service from a local git repository that has at least one commit.'
  ),
  'environments.set': call<Service>()(
    z.strictObject({
      service: serviceName,
      environments: z
        .array(environmentInput)
        .min(1, { error: 'a service needs at least one environment' })
        .max(20, { error: 'at most 20 environments' })
        .refine((envs) => new Set(envs.map((e) => e.name)).size === envs.length, {
          error: 'environment names must be unique'
        })
    }),
    "Replaces a service's environments; their order in the list is the promotion order."
  ),
  'demo.open': call<Service>()(
    noInput,
    'Creates (once) the demo service with a realistic git history under the data folder, and returns it.'
  ),
  'audit.list': call<readonly AuditEntry[]>()(
    z.strictObject({
      limit: z.int().min(1).max(1000).default(100),
      beforeId: z.int().positive().optional()
    }),
    'The audit log, newest first.'
  ),

  'history.branches': call<readonly Branch[]>()(z.strictObject({ service: serviceName }), 'Local branches.'),
  'history.tags': call<readonly Tag[]>()(
    z.strictObject({ service: serviceName }),
    'Tags, semantic versions first (newest first), then other tags by date.'
  ),
  'history.commits': call<CommitPage>()(
    z.strictObject({
      service: serviceName,
      ref: gitRef.optional(),
      text: z.string().max(200).optional(),
      author: z.string().max(200).optional(),
      shaPrefix: z
        .string()
        .regex(/^[0-9a-fA-F]{4,64}$/, { error: 'SHA prefix must be 4–64 hexadecimal characters' })
        .optional(),
      offset: z.int().min(0).default(0),
      limit: z.int().min(1).max(500).default(100)
    }),
    'A page of commits, newest first, optionally filtered by message text, author and SHA prefix.'
  ),
  'history.commit': call<CommitDetail>()(
    z.strictObject({ service: serviceName, sha: gitRef }),
    'One commit with its message and changed files.'
  ),
  'history.compare': call<RefComparison>()(
    z.strictObject({
      service: serviceName,
      from: gitRef,
      to: gitRef,
      limit: z.int().min(1).max(100_000).default(20_000)
    }),
    'The commits in `to` that are not in `from` (git from..to), merges included.'
  )
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
/** What a caller passes (defaults may be left out). */
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
/** What a handler receives, after validation and defaults. */
export type ValidInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = Calls[N]['output'];

export const CALL_NAMES = Object.keys(calls) as readonly CallName[];
export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);

/** Progress of a long task, e.g. creating the demo repository. */
export interface ProgressEvent {
  readonly task: string;
  readonly step: string;
  readonly completed: number;
  readonly total: number;
}

/** Stream events main pushes to every renderer. */
export interface EventPayloads {
  readonly progress: ProgressEvent;
  /** The set of services or their environments changed (in this or another window). */
  readonly 'workspace.changed': { readonly service: string };
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES = ['progress', 'workspace.changed'] as const satisfies readonly EventName[];
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
