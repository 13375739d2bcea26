import { describe, expect, it } from 'vitest';
import { DEFAULT_ENVIRONMENT_SETTINGS as settings } from '../../../../shared/domain/environment-settings';
import { draftsOf, moveRow } from './environment-drafts';

describe('moveRow', () => {
  it('moves up and down', () => {
    expect(moveRow(['dev', 'staging', 'prod'], 2, -1)).toEqual(['dev', 'prod', 'staging']);
    expect(moveRow(['dev', 'staging', 'prod'], 0, 1)).toEqual(['staging', 'dev', 'prod']);
  });
  it('ignores moves past the ends', () => {
    expect(moveRow(['dev', 'prod'], 0, -1)).toEqual(['dev', 'prod']);
    expect(moveRow(['dev', 'prod'], 1, 1)).toEqual(['dev', 'prod']);
  });
});

describe('draftsOf', () => {
  it('orders by position with unique keys', () => {
    const drafts = draftsOf([
      { name: 'prod', position: 2, targetKind: 'gitops', requiresApproval: true, settings },
      { name: 'dev', position: 0, targetKind: 'docker', requiresApproval: false, settings },
      { name: 'staging', position: 1, targetKind: 'kubernetes', requiresApproval: false, settings }
    ]);
    expect(drafts.map((d) => d.name)).toEqual(['dev', 'staging', 'prod']);
    expect(new Set(drafts.map((d) => d.key)).size).toBe(3);
  });
});
