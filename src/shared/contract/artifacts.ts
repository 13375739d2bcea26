/**
 * Artifacts: the catalogue of every image built (searched, filtered, sorted, paged, read offline), one
 * artifact's provenance, retention per service with a dry-run plan and prune, registry credentials, and
 * whether the engine and the registries answer right now.
 */
import { z } from 'zod';
import { ARTIFACT_SORTS, ARTIFACT_STATUS_FILTERS, type ArtifactDetail, type ArtifactPage } from '../domain/artifact-catalog';
import type { StoredRetentionPolicy } from '../domain/retention';
import type { PrunePlanView, PruneResult, RegistryLogin, SystemStatus } from '../domain/artifact-operations';
import { call, type FeatureContract } from './define';
import { serviceName } from './schemas';

const isoInstant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-03-01T00:00:00Z' });

/** `host[:port]` as image references carry it: `127.0.0.1:5000`, `ghcr.io`. */
const registryHost = z
  .string({ error: 'registry host is required' })
  .regex(/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:]+\])(?::\d{1,5})?$/, {
    error: 'registry host must look like host[:port], e.g. 127.0.0.1:5000 or ghcr.io'
  });

const count = (what: string, max: number) =>
  z.int({ error: `${what} must be a whole number` }).min(0, { error: `${what} cannot be negative` }).max(max, { error: `${what} is at most ${max}` });

export const artifactsContract = {
  feature: 'artifacts',
  calls: {
    'artifacts.list': call<ArtifactPage>()(
      z.strictObject({
        service: serviceName.optional(),
        search: z.string().max(200, { error: 'search text is at most 200 characters' }).optional(),
        status: z.enum(ARTIFACT_STATUS_FILTERS, { error: `status must be one of: ${ARTIFACT_STATUS_FILTERS.join(', ')}` }).default('all'),
        createdFrom: isoInstant.optional(),
        createdTo: isoInstant.optional(),
        sort: z.enum(ARTIFACT_SORTS, { error: `sort must be one of: ${ARTIFACT_SORTS.join(', ')}` }).default('newest'),
        cursor: z.string().max(400, { error: 'cursor is at most 400 characters' }).optional(),
        limit: z.int().min(1, { error: 'limit must be at least 1' }).max(500, { error: 'limit is at most 500' }).default(100)
      }),
      'Artifacts of every service (or one), from the local record: search by digest or commit SHA prefix, version or commit message; filter by status and date; sort; paged by cursor.'
    ),
    'artifacts.get': call<ArtifactDetail>()(
      z.strictObject({ id: z.int({ error: 'id must be an artifact id' }).positive({ error: 'id must be an artifact id' }) }),
      'One artifact: provenance (commit, run, stage results), tags, where it runs, and the commits since the previous artifact (from git).'
    ),
    'retention.get': call<StoredRetentionPolicy>()(
      z.strictObject({ service: serviceName }),
      "A service's retention policy (the default one until it is set)."
    ),
    'retention.set': call<StoredRetentionPolicy>()(
      z.strictObject({
        service: serviceName,
        keepLast: count('keepLast', 100_000),
        keepDays: count('keepDays', 36_500),
        keepPerEnvironment: count('keepPerEnvironment', 1000)
      }),
      "Sets a service's retention policy: keep the newest N, everything younger than D days, and the last K of each environment."
    ),
    'artifacts.prune': call<PrunePlanView | PruneResult>()(
      z.strictObject({ service: serviceName, dryRun: z.boolean().default(false) }),
      "Prunes a service's artifacts by its retention policy (with dryRun: only says what would go and why each other one stays). Deployed artifacts and rollback candidates are never pruned; records stay, marked pruned."
    ),
    'registry.login': call<RegistryLogin>()(
      z.strictObject({
        host: registryHost,
        username: z.string().min(1, { error: 'username is required' }).max(256, { error: 'username is at most 256 characters' }),
        password: z.string().min(1, { error: 'password is required' }).max(8192, { error: 'password is at most 8192 characters' })
      }),
      'Checks the credentials against the registry, then saves them for that host (never in the database or the logs).'
    ),
    'registry.logout': call<{ readonly host: string; readonly removed: boolean }>()(
      z.strictObject({ host: registryHost }),
      'Forgets the credentials saved for a registry host.'
    ),
    'registry.list': call<readonly { readonly host: string; readonly username: string }[]>()(
      z.strictObject({}),
      'Registry hosts with saved credentials (user names only, never passwords).'
    ),
    'system.status': call<SystemStatus>()(
      z.strictObject({}),
      "Whether the Docker engine and each service's registry answer right now (a few seconds at most)."
    )
  },
  streams: {}
} as const satisfies FeatureContract;
