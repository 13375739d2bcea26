import path from 'node:path';
import { DEFAULT_ENVIRONMENT_SETTINGS } from '../../../shared/domain/environment-settings';
import type { Environment, Service } from '../../../shared/domain/workspace';
import { AppError } from '../../../shared/result';
import type { GitPort } from '../../ports/git';
import type { WorkspaceStore } from '../../ports/store';
import { addService } from './add-service';

export const DEMO_SERVICE_NAME = 'shop-api';
const DEMO_IMAGE_REPOSITORY = '127.0.0.1:5000/shop/api';

/** dev → staging → prod on Docker, on local ports: rolling, blue-green, then a canary behind an approval. */
export const DEMO_ENVIRONMENTS: readonly Environment[] = (
  [
  { name: 'dev', targetKind: 'docker', requiresApproval: false, settings: { ...DEFAULT_ENVIRONMENT_SETTINGS, publicPort: 48080, instances: 1 } },
  { name: 'staging', targetKind: 'docker', requiresApproval: false, settings: { ...DEFAULT_ENVIRONMENT_SETTINGS, publicPort: 48081, strategy: 'blue-green', blueGreenHoldSeconds: 300 } },
  {
    name: 'prod',
    targetKind: 'docker',
    requiresApproval: true,
    settings: { ...DEFAULT_ENVIRONMENT_SETTINGS, publicPort: 48082, strategy: 'canary', sticky: { kind: 'cookie', name: 'shop_user' } }
  }
  ] satisfies Omit<Environment, 'position'>[]
).map((env, position) => ({ ...env, position }));

export interface OpenDemoDeps {
  readonly git: GitPort;
  readonly store: WorkspaceStore;
  readonly actor: string;
  readonly dataDir: string;
  /** Makes the demo repository at the path (atomically; does nothing when it is already there). */
  readonly createDemoRepository: (
    targetDir: string,
    onProgress: (step: string, completed: number, total: number) => void
  ) => Promise<void>;
  readonly onProgress: (step: string, completed: number, total: number) => void;
  /**
   * Records the demo's year of release history (runs, artifacts, prunes, logs) for the service; once:
   * it does nothing when an earlier open recorded it. Loaded only when the demo is opened.
   */
  readonly recordDemoReleases: (service: Service) => Promise<void>;
}

/**
 * Opens the demo workspace: a sample service whose repository, under the data folder, has a realistic
 * history. Safe to call again, and from two processes at once: the second finds the first's work.
 */
export async function openDemo(deps: OpenDemoDeps): Promise<Service> {
  const existing = deps.store.findService(DEMO_SERVICE_NAME);
  const repoPath = path.join(deps.dataDir, 'demo', DEMO_SERVICE_NAME);
  if (existing && existing.repoPath !== repoPath) {
    throw new AppError(
      'ALREADY_EXISTS',
      `A service named "${DEMO_SERVICE_NAME}" already exists and is not the demo (it points at ${existing.repoPath}).`,
      'The demo uses that name; open your own service instead, or use another data folder to try the demo.'
    );
  }
  await deps.createDemoRepository(repoPath, deps.onProgress);
  const service = existing ?? (await addDemoService(deps, repoPath));
  deps.onProgress('Recording the release history', 0, 1);
  await deps.recordDemoReleases(service);
  deps.onProgress('Done', 1, 1);
  // Read again: recording may have added an environment (the Kubernetes emulator's).
  return deps.store.findService(service.name) ?? service;
}

async function addDemoService(deps: OpenDemoDeps, repoPath: string): Promise<Service> {
  try {
    return await addService(
      deps,
      { name: DEMO_SERVICE_NAME, repoPath, imageRepository: DEMO_IMAGE_REPOSITORY },
      DEMO_ENVIRONMENTS
    );
  } catch (error) {
    const addedMeanwhile = deps.store.findService(DEMO_SERVICE_NAME);
    if (error instanceof AppError && error.code === 'ALREADY_EXISTS' && addedMeanwhile) return addedMeanwhile;
    throw error;
  }
}
