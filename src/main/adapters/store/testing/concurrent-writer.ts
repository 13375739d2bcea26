// Child process for the concurrency test: opens the store in the given folder and adds N services.
import { openReleaseStore } from '../sqlite-release-store';

const [dir, prefix, count] = process.argv.slice(2) as [string, string, string];

async function main(): Promise<void> {
  const store = openReleaseStore(dir);
  for (let i = 0; i < Number(count); i++) {
    await store.workspace.addService(
      {
        name: `${prefix}-${i}`,
        repoPath: `/repos/${prefix}-${i}`,
        imageRepository: null,
        pipelineFile: '.shipdeck/pipeline.yml',
        environments: [{ name: 'dev', targetKind: 'docker', requiresApproval: false }]
      },
      { actor: prefix, action: 'service.add', subject: `service:${prefix}-${i}`, details: {} }
    );
  }
  store.close();
}

void main();
