import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/contract';
import { DEFAULT_ENVIRONMENT_SETTINGS } from '../../../shared/domain/environment-settings';
import type { Service } from '../../../shared/domain/workspace';
import { AppError } from '../../../shared/result';
import { createEventBus } from '../../event-bus';
import { deployLiveDemo } from './deploy-live-demo';
import { createLiveDemoStarter, LIVE_DEMO_TASK, type LiveDemoRunner } from './live-demo-starter';

const service: Service = {
  name: 'shop-api',
  repoPath: '/data/demo/shop-api',
  imageRepository: '127.0.0.1:5000/shop/api',
  pipelineFile: '.shipdeck/pipeline.yml',
  readOnly: false,
  createdAt: '2026-03-01T09:00:00.000Z',
  environments: [{ name: 'dev', targetKind: 'docker', requiresApproval: false, position: 0, settings: { ...DEFAULT_ENVIRONMENT_SETTINGS, publicPort: 48080 } }]
};

/** A runner whose engine ping waits until the signal aborts ('hang') or finds no engine at once ('absent'). */
function runner(ping: 'hang' | 'absent', closed: string[] = []): LiveDemoRunner {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    run: (target, options) =>
      deployLiveDemo({
        service: target,
        engine: {
          ping: (signal) =>
            ping === 'absent'
              ? Promise.reject(new AppError('DOCKER_UNREACHABLE', 'No Docker engine answers at unix:///var/run/docker.sock.'))
              : new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new AppError('CANCELLED', 'stopped')), { once: true })),
          buildImage: unused,
          inspectImage: unused
        },
        repository: { tipOfMain: unused, readFile: unused, subject: unused, liveCommit: unused, checkout: unused },
        store: { artifacts: {}, releases: {} } as Parameters<typeof deployLiveDemo>[0]['store'],
        releases: {} as Parameters<typeof deployLiveDemo>[0]['releases'],
        ...options
      }),
    close: async () => void closed.push('runner')
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new Error('the condition never came true');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function listen() {
  const events = createEventBus();
  const progress: ProgressEvent[] = [];
  events.on('task.progress', (event) => progress.push(event), new AbortController().signal);
  return { events, progress };
}

describe('the live demo starter', () => {
  it('runs in the background after the call returned, reporting progress under its own task', async () => {
    const { events, progress } = listen();
    const starter = createLiveDemoStarter({ events, load: async () => runner('absent') });

    starter.start(service);
    expect(progress).toEqual([]); // nothing happened before the caller's answer went out

    const outcome = await starter.last();
    expect(outcome?.kind).toBe('no-engine');
    expect(progress.map((event) => event.task)).toEqual([LIVE_DEMO_TASK, LIVE_DEMO_TASK]);
    expect(progress.at(-1)).toMatchObject({ completed: 5, total: 5 });
    expect(progress.at(-1)?.step).toContain('No Docker engine answers at unix:///var/run/docker.sock.');
  });

  it('runs once at a time: a second open while it runs starts nothing; closing cancels it and closes the runner', async () => {
    const { events, progress } = listen();
    let loads = 0;
    const closed: string[] = [];
    const starter = createLiveDemoStarter({ events, load: async () => (loads++, runner('hang', closed)) });

    starter.start(service);
    const first = starter.last();
    await until(() => progress.length > 0); // waiting for the engine
    starter.start(service);
    expect(starter.last()).toBe(first);

    await starter.close();
    expect(loads).toBe(1);
    expect((await first)?.kind).toBe('cancelled');
    expect(closed).toEqual(['runner']);
  });

  it('reports a runner that does not load as progress, never as an error of demo.open', async () => {
    const { events, progress } = listen();
    const starter = createLiveDemoStarter({ events, load: () => Promise.reject(new Error('the Docker adapter did not load')) });

    starter.start(service);

    expect(await starter.last()).toMatchObject({ kind: 'failed' });
    expect(progress.at(-1)?.step).toBe('The live demo could not start: the Docker adapter did not load');
    await starter.close();
  });
});
