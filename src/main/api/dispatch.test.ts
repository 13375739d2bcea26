import { describe, expect, it } from 'vitest';
import { CALL_NAMES, type CallName } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { dispatch } from './dispatch';
import type { Handlers } from './handlers';

/** Handlers that must never run: validation has to stop malformed input before them. */
const neverRun = new Proxy({} as Handlers['calls'], {
  get: (_target, name) => () => {
    throw new Error(`handler ${String(name)} ran on malformed input`);
  }
});
const untouchable: Handlers = { calls: neverRun, streams: {} as Handlers['streams'] };
const withCalls = (calls: Record<string, (input: unknown) => unknown>): Handlers =>
  ({ calls: { ...neverRun, ...calls }, streams: {} }) as unknown as Handlers;

const long = 'x'.repeat(300);

/** For every call: malformed inputs, each with a fragment the error message must contain. */
const MALFORMED: Record<CallName, ReadonlyArray<readonly [unknown, string]>> = {
  'app.info': [[{ extra: 1 }, 'extra']],
  'services.list': [[{ page: 2 }, 'page']],
  'services.get': [
    [{}, 'service'],
    [{ service: '../etc' }, 'service name'],
    [{ service: 7 }, 'service']
  ],
  'services.add': [
    [{ name: 'api' }, 'repoPath'],
    [{ name: '', repoPath: '/tmp' }, 'service name'],
    [{ name: 'has space', repoPath: '/tmp' }, 'service name'],
    [{ name: 'api', repoPath: '' }, 'path is empty'],
    [{ name: 'api', repoPath: 'a\0b' }, 'NUL'],
    [{ name: 'api', repoPath: '/tmp', imageRepository: 'Not An Image' }, 'image repository'],
    [{ name: 'api', repoPath: '/tmp', token: 'x' }, 'token']
  ],
  'environments.set': [
    [{ service: 'api', environments: [] }, 'at least one environment'],
    [{ service: 'api', environments: [{ name: 'Prod!', targetKind: 'docker', requiresApproval: false }] }, 'environment name'],
    [{ service: 'api', environments: [{ name: 'prod', targetKind: 'ftp', requiresApproval: false }] }, 'target kind'],
    [{ service: 'api', environments: [{ name: 'prod', targetKind: 'docker' }] }, 'requiresApproval'],
    [
      {
        service: 'api',
        environments: [
          { name: 'prod', targetKind: 'docker', requiresApproval: false },
          { name: 'prod', targetKind: 'gitops', requiresApproval: true }
        ]
      },
      'unique'
    ]
  ],
  'services.remove': [
    [{}, 'service'],
    [{ service: 'a b' }, 'service name']
  ],
  'services.setPath': [
    [{ service: 'api' }, 'repoPath'],
    [{ service: 'api', repoPath: '' }, 'path is empty']
  ],
  'demo.open': [[{ force: true }, 'force']],
  'audit.list': [
    [{ limit: 0 }, 'limit'],
    [{ limit: 1.5 }, 'limit'],
    [{ beforeId: -1 }, 'beforeId']
  ],
  'runs.list': [
    [{}, 'service'],
    [{ service: 'api', limit: 0 }, 'limit'],
    [{ service: 'api', beforeId: -3 }, 'beforeId']
  ],
  'runs.get': [
    [{}, 'runId'],
    [{ runId: 0 }, 'run number'],
    [{ runId: 1.5 }, 'whole run number']
  ],
  'runs.start': [
    [{ ref: 'main' }, 'service'],
    [{ service: 'api', ref: '-rf' }, 'ref'],
    [{ service: 'api', ref: 'main', force: true }, 'force']
  ],
  'runs.cancel': [[{ runId: 'x' }, 'runId']],
  'runs.rerun': [
    [{ runId: 1 }, 'from'],
    [{ runId: 1, from: 'middle' }, 'from must be']
  ],
  'runs.logLines': [
    [{ runId: 1 }, 'stage'],
    [{ runId: 1, stage: '../x' }, 'stage name'],
    [{ runId: 1, stage: 'build', fromLine: 0 }, 'fromLine'],
    [{ runId: 1, stage: 'build', limit: 100000 }, 'limit']
  ],
  'runs.searchLog': [
    [{ runId: 1, stage: 'build' }, 'text'],
    [{ runId: 1, stage: 'build', text: '' }, 'search text is empty'],
    [{ runId: 1, stage: 'build', text: 'x'.repeat(201) }, 'longer than 200']
  ],
  'runs.getWatch': [[{}, 'service']],
  'runs.setWatch': [
    [{ service: 'api' }, 'branch'],
    [{ service: 'api', branch: 'a..b' }, 'ref']
  ],
  'history.branches': [[{}, 'service']],
  'history.tags': [[{ service: '' }, 'service name']],
  'history.commits': [
    [{ service: 'api', ref: '--output=/tmp/x' }, 'starts with "-"'],
    [{ service: 'api', ref: 'a b' }, 'space'],
    [{ service: 'api', limit: 10_000 }, 'limit'],
    [{ service: 'api', offset: -1 }, 'offset'],
    [{ service: 'api', shaPrefix: 'xyz1' }, 'SHA prefix'],
    [{ service: 'api', text: long }, 'text']
  ],
  'history.commit': [
    [{ service: 'api' }, 'sha'],
    [{ service: 'api', sha: '-p' }, 'starts with "-"']
  ],
  'history.compare': [
    [{ service: 'api', from: 'v1.0.0' }, 'to'],
    [{ service: 'api', from: 'v1.0.0..v2.0.0', to: 'main' }, '".."'],
    [{ service: 'api', from: 'v1', to: 'v2', limit: 0 }, 'limit']
  ],
  'artifacts.list': [
    [{ service: '../x' }, 'service name'],
    [{ search: long }, 'search text'],
    [{ status: 'gone' }, 'status must be one of'],
    [{ sort: 'size' }, 'sort must be one of'],
    [{ createdFrom: 'yesterday' }, 'ISO 8601'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 501 }, 'limit'],
    [{ cursor: long.repeat(2) }, 'cursor'],
    [{ offset: 3 }, 'offset']
  ],
  'artifacts.get': [
    [{}, 'id'],
    [{ id: 0 }, 'artifact id'],
    [{ id: 'sha256:abc' }, 'artifact id']
  ],
  'retention.get': [[{}, 'service']],
  'retention.set': [
    [{ service: 'api', keepLast: 5, keepDays: 30 }, 'keepPerEnvironment'],
    [{ service: 'api', keepLast: -1, keepDays: 30, keepPerEnvironment: 2 }, 'cannot be negative'],
    [{ service: 'api', keepLast: 1.5, keepDays: 30, keepPerEnvironment: 2 }, 'whole number'],
    [{ service: 'api', keepLast: 5, keepDays: 99_999, keepPerEnvironment: 2 }, 'at most']
  ],
  'artifacts.prune': [
    [{}, 'service'],
    [{ service: 'api', dryRun: 'yes' }, 'dryRun']
  ],
  'registry.login': [
    [{ host: '127.0.0.1:5000', username: 'u' }, 'password'],
    [{ host: 'http://127.0.0.1:5000', username: 'u', password: 'p' }, 'registry host'],
    [{ host: '127.0.0.1:5000', username: '', password: 'p' }, 'username is required'],
    [{ host: '127.0.0.1:5000', username: 'u', password: '' }, 'password is required']
  ],
  'registry.logout': [
    [{}, 'host'],
    [{ host: 'a b' }, 'registry host']
  ],
  'registry.list': [[{ all: true }, 'all']],
  'system.status': [[{ verbose: true }, 'verbose']],
  'environments.configure': [
    [{ service: 'api' }, 'environment'],
    [{ service: 'api', environment: 'Prod!' }, 'environment name'],
    [{ service: 'api', environment: 'prod', publicPort: 80 }, '1024'],
    [{ service: 'api', environment: 'prod', publicPort: 70000 }, '65535'],
    [{ service: 'api', environment: 'prod', instances: 0 }, 'at least 1'],
    [{ service: 'api', environment: 'prod', strategy: 'big-bang' }, 'strategy must be one of'],
    [{ service: 'api', environment: 'prod', healthPath: 'healthz' }, 'health path'],
    [{ service: 'api', environment: 'prod', sticky: 'query:user' }, 'header:NAME or cookie:NAME'],
    [{ service: 'api', environment: 'prod', kubernetes: { namespace: 'Shop_1' } }, 'namespace must be a Kubernetes name'],
    [{ service: 'api', environment: 'prod', prometheusUrl: 'ftp://127.0.0.1:9090' }, 'http:// or https://'],
    [{ service: 'api', environment: 'prod', prometheusUrl: 'http://admin:secret@127.0.0.1:9090' }, 'user name or password'],
    [{ service: 'api', environment: 'prod', analysisWindowSeconds: 5 }, 'at least 10 seconds'],
    [{ service: 'api', environment: 'prod', canarySteps: [50, 25, 100] }, 'rise'],
    [{ service: 'api', environment: 'prod', canarySteps: [5, 25] }, 'last canary step must be 100'],
    [{ service: 'api', environment: 'prod', targetKind: 'ftp' }, 'target must be one of']
  ],
  'services.setReadOnly': [[{ service: 'api' }, 'readOnly'], [{ service: 'api', readOnly: 'yes' }, 'true or false']],
  'releases.board': [[{ all: true }, 'all']],
  'releases.deploy': [
    [{ service: 'api', environment: 'prod' }, 'digest'],
    [{ service: 'api', environment: 'prod', digest: 'latest' }, 'sha256:'],
    [{ service: 'api', environment: 'prod', digest: 'sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', strategy: 'yolo' }, 'strategy must be one of']
  ],
  'releases.promote': [[{ service: 'api' }, 'environment'], [{ service: 'api', environment: 'prod', force: true }, 'force']],
  'releases.approve': [[{}, 'deploymentId'], [{ deploymentId: -1 }, 'deployment number'], [{ deploymentId: 1, comment: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }, '2000']],
  'releases.reject': [[{ deploymentId: 1 }, 'reason'], [{ deploymentId: 1, reason: '   ' }, 'needs a reason']],
  'releases.preflight': [[{ service: 'api', environment: 'prod', toDigest: 'abc' }, 'sha256:']],
  'releases.rollback': [
    [{ service: 'api', environment: 'prod', toDigest: 'abc' }, 'sha256:'],
    [{ service: 'api', environment: 'prod', overrideReason: 'ok' }, 'at least 10 characters']
  ],
  'releases.canary': [[{ service: 'api', environment: 'prod', action: 'pause' }, 'continue or abort']],
  'releases.releaseHold': [[{ service: 'api' }, 'environment']],
  'releases.get': [[{ deploymentId: 'x' }, 'deployment number']],
  'releases.list': [[{ service: 'api', limit: 0 }, 'limit'], [{ service: 'api', environment: 'PROD' }, 'environment name']],
  'releases.timeline': [[{ digest: 'sha256:xyz' }, 'sha256:']],
  'settings.get': [[{ url: 'http://127.0.0.1:9090' }, 'url']],
  'settings.setPrometheus': [
    [{}, 'url'],
    [{ url: 'localhost:9090' }, 'http:// or https://'],
    [{ url: 'prometheus' }, 'must be a URL such as http://127.0.0.1:9090'],
    [{ url: 'http://127.0.0.1:9090', scrapeIntervalSeconds: 0 }, 'at least 1 second'],
    [{ url: 'http://127.0.0.1:9090', scrapeIntervalSeconds: 2.5 }, 'whole number']
  ],
  'analysis.get': [
    [{}, 'deploymentId'],
    [{ deploymentId: 0 }, 'deployment number']
  ],
  'kubernetes.overview': [[{ context: 'x' }, 'context']],
  'kubernetes.revisions': [[{ service: 'api' }, 'environment'], [{ service: 'api', environment: 'Prod!' }, 'environment name']],
  'kubernetes.control': [
    [{ service: 'api', environment: 'prod', action: 'scale' }, 'pause, resume, restart'],
    [{ service: 'api', environment: 'prod' }, 'action']
  ],
  'kubernetes.analysisRuns': [[{ service: '../x', environment: 'prod' }, 'service name']],
  'experiments.status': [
    [{ service: 'shop' }, 'environment'],
    [{ service: 'shop', environment: 'Prod!' }, 'environment name'],
    [{ service: '../x', environment: 'prod' }, 'service name']
  ]
};

describe('dispatch', () => {
  it('has malformed-input cases for every call in the contract', () => {
    expect(Object.keys(MALFORMED).sort()).toEqual([...CALL_NAMES].sort());
  });

  for (const name of CALL_NAMES) {
    describe(name, () => {
      it('rejects a non-object input with INVALID_INPUT', async () => {
        for (const input of [42, 'text', [1, 2]]) {
          const result = await dispatch(untouchable, name, input);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
        }
      });
      for (const [input, fragment] of MALFORMED[name]) {
        it(`rejects ${JSON.stringify(input).slice(0, 90)}`, async () => {
          const result = await dispatch(untouchable, name, input);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toBe('INVALID_INPUT');
          expect(result.error.message).toContain(fragment);
        });
      }
    });
  }

  it('refuses a name that is not in the contract', async () => {
    for (const name of ['shell.exec', 'constructor', '__proto__', 42]) {
      const result = await dispatch(untouchable, name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
  });

  it('passes validated input with defaults to the handler and wraps its value', async () => {
    const seen: unknown[] = [];
    const handlers = withCalls({
      'history.commits': (input: unknown) => {
        seen.push(input);
        return { commits: [], offset: 0, hasMore: false };
      }
    });
    const result = await dispatch(handlers, 'history.commits', { service: 'api' });
    expect(result).toEqual({ ok: true, value: { commits: [], offset: 0, hasMore: false } });
    expect(seen).toEqual([{ service: 'api', offset: 0, limit: 100 }]);
  });

  it('keeps the code and hint of an AppError, and hides nothing else as INTERNAL', async () => {
    const handlers = withCalls({
      'services.get': () => {
        throw new AppError('NOT_FOUND', 'There is no service named "x".', 'Pick one.');
      },
      'services.list': () => {
        throw new TypeError('boom');
      }
    });
    expect(await dispatch(handlers, 'services.get', { service: 'x' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no service named "x".', hint: 'Pick one.' }
    });
    const internal = await dispatch(handlers, 'services.list', {});
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!internal.ok) expect(internal.error.message).toContain('boom');
  });
});
