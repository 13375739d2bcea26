import { DEFAULT_ENVIRONMENTS, DEFAULT_PIPELINE_FILE, type Service } from '../../../shared/domain/workspace';
import type { GitPort } from '../../ports/git';
import type { WorkspaceStore } from '../../ports/store';

export interface AddServiceInput {
  readonly name: string;
  readonly repoPath: string;
  readonly imageRepository?: string | undefined;
}

/**
 * Adds a service after checking its repository for real (exists, is git, has a commit). The service
 * starts with dev → staging → prod; the user edits them afterwards.
 */
export async function addService(
  deps: { readonly git: GitPort; readonly store: WorkspaceStore; readonly actor: string; readonly signal?: AbortSignal },
  input: AddServiceInput,
  environments = DEFAULT_ENVIRONMENTS
): Promise<Service> {
  const checked = await deps.git.open(input.repoPath).check(deps.signal);
  return deps.store.addService(
    {
      name: input.name,
      repoPath: checked.path,
      imageRepository: input.imageRepository ?? null,
      pipelineFile: DEFAULT_PIPELINE_FILE,
      environments
    },
    {
      actor: deps.actor,
      action: 'service.add',
      subject: `service:${input.name}`,
      details: { repoPath: checked.path, bare: checked.bare, head: checked.headSha }
    },
    deps.signal
  );
}
