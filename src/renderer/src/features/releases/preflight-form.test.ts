import { describe, expect, it } from 'vitest';
import type { PreflightCheck } from '../../../../shared/domain/releases';
import { confirmState, rollbackInput } from './preflight-form';
import { digestOf } from './release-fixtures';

const check = (id: PreflightCheck['id'], status: PreflightCheck['status'], title: string = id): PreflightCheck => ({ id, status, title, detail: '' });
const preflight = { service: 'api', environment: 'prod', to: { digest: digestOf(3), version: 'v1.3.0', commitSha: 'c', deploymentId: 9, deployedAt: '2026-01-01T00:00:00Z', pruned: false } };

describe('confirming a rollback', () => {
  it('is allowed when nothing blocks (warnings are shown, not blocking)', () => {
    expect(confirmState({ blocked: false, overridable: false, checks: [check('automation', 'warning')] }, '')).toEqual({ kind: 'ready', override: false });
  });

  it('needs a typed override of at least 10 characters when only migrations block', () => {
    const blocked = { blocked: true, overridable: true, checks: [check('migrations', 'blocked')] };
    expect(confirmState(blocked, '')).toEqual({ kind: 'needs-override', missing: 10 });
    expect(confirmState(blocked, '   too short  ')).toEqual({ kind: 'needs-override', missing: 1 });
    expect(confirmState(blocked, 'data loss accepted')).toEqual({ kind: 'ready', override: true });
  });

  it('is refused, naming the blocking checks, when something else blocks', () => {
    const state = confirmState({ blocked: true, overridable: false, checks: [check('artifact', 'blocked', 'The image was pruned'), check('target', 'ok')] }, 'a long override reason');
    expect(state).toEqual({ kind: 'blocked', why: 'Blocked: The image was pruned.' });
  });
});

describe('the rollback call', () => {
  it('names the artifact the pre-flight checked, and sends only the reasons typed', () => {
    expect(rollbackInput(preflight, '  ', 'ignored', { kind: 'ready', override: false })).toEqual({ service: 'api', environment: 'prod', toDigest: digestOf(3) });
    expect(rollbackInput(preflight, ' errors since 14:02 ', ' data loss accepted ', { kind: 'ready', override: true })).toEqual({
      service: 'api',
      environment: 'prod',
      toDigest: digestOf(3),
      reason: 'errors since 14:02',
      overrideReason: 'data loss accepted'
    });
  });
});
