/** The workspace: services, their environments, the demo, and the audit log. */
import { z } from 'zod';
import { TARGET_KINDS, type AuditEntry, type Service } from '../domain/workspace';
import { call, stream, type FeatureContract } from './define';
import { filesystemPath, noInput, serviceName } from './schemas';

const environmentInput = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, {
    error: 'environment name must be 1–32 lowercase letters, digits or "-", e.g. "staging"'
  }),
  targetKind: z.enum(TARGET_KINDS, { error: `target kind must be one of: ${TARGET_KINDS.join(', ')}` }),
  requiresApproval: z.boolean()
});

/** A hint that the workspace changed (in this window, another window, or the CLI): refetch. */
export interface WorkspaceChange {
  readonly service: string;
}

export const workspaceContract = {
  feature: 'workspace',
  calls: {
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
    'services.remove': call<{ readonly service: string }>()(
      z.strictObject({ service: serviceName }),
      'Removes a service from the workspace; its release records and audit entries are kept.'
    ),
    'services.setPath': call<Service>()(
      z.strictObject({ service: serviceName, repoPath: filesystemPath }),
      "Points a service at its repository's new place (it moved, or was cloned again)."
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
    )
  },
  streams: {
    'workspace.changes': stream<WorkspaceChange>()(
      noInput,
      'A low-rate hint each time a service or its environments change; refetch what it invalidates.'
    )
  }
} as const satisfies FeatureContract;
