// `demo.open` hands the opened demo to the live demo (demo/live/) once it has its answer, without waiting.
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../shared/domain/workspace';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { useTempDirs } from '../../adapters/store/testing/temp-store';
import { createEventBus } from '../../event-bus';
import { createWorkspaceHandlers, type WorkspaceDeps } from './handlers';
import { fakeGit } from './testing/workspace-fixtures';

const tempDir = useTempDirs('shipdeck-demo-hook-');

function handlers(overrides: Partial<WorkspaceDeps>) {
  const dataDir = tempDir();
  const store = openReleaseStore(dataDir);
  const created = createWorkspaceHandlers({
    git: fakeGit({}),
    store: store.workspace,
    audit: store.audit,
    events: createEventBus(),
    actor: 'ana',
    dataDir,
    createDemoRepository: async () => undefined,
    recordDemoReleases: async () => undefined,
    ...overrides
  });
  return { open: () => created.calls['demo.open']({}, { signal: new AbortController().signal }), close: () => store.close() };
}

describe('demo.open and the live demo', () => {
  it('hands the opened demo service to the live demo, after the history is recorded', async () => {
    const steps: string[] = [];
    const opened: Service[] = [];
    const { open, close } = handlers({
      recordDemoReleases: async () => void steps.push('history recorded'),
      onDemoOpened: (service) => {
        steps.push('live demo started');
        opened.push(service);
      }
    });

    const service = await open();

    expect(opened).toEqual([service]);
    expect(steps).toEqual(['history recorded', 'live demo started']);
    close();
  });

  it('starts no live demo when the demo could not be opened', async () => {
    const opened: Service[] = [];
    const { open, close } = handlers({
      recordDemoReleases: () => Promise.reject(new Error('disk full')),
      onDemoOpened: (service) => void opened.push(service)
    });

    await expect(open()).rejects.toThrow('disk full');
    expect(opened).toEqual([]);
    close();
  });
});
