import { describe, expect, it } from 'vitest';
import { formatSelector, fromLabelSelector, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';

describe('label selectors', () => {
  it('parses the query syntax kubectl sends and matches labels with it', () => {
    const selector = parseLabelSelector('app=web,tier!=db,env in (prod, staging),canary,!legacy');
    expect(matchesLabels(selector, { app: 'web', tier: 'front', env: 'prod', canary: 'true' })).toBe(true);
    expect(matchesLabels(selector, { app: 'web', tier: 'db', env: 'prod', canary: 'true' })).toBe(false);
    expect(matchesLabels(selector, { app: 'web', env: 'dev', canary: 'true' })).toBe(false);
    expect(matchesLabels(selector, { app: 'web', env: 'prod' })).toBe(false);
    expect(matchesLabels(selector, { app: 'web', env: 'prod', canary: '', legacy: 'x' })).toBe(false);
    expect(matchesLabels(parseLabelSelector(''), { anything: 'x' })).toBe(true);
    expect(() => parseLabelSelector('app in prod')).toThrow(/unable to parse requirement/);
  });

  it('reads a spec LabelSelector and prints it as the API does', () => {
    const selector = fromLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] });
    expect(formatSelector(selector)).toBe('app=web,tier!=db');
    expect(matchesLabels(selector, { app: 'web', tier: 'db' })).toBe(false);
  });
});

describe('field selectors', () => {
  it('matches metadata.name as kubectl rollout status asks for it', () => {
    const requirements = parseFieldSelector('metadata.name=web,status.phase!=Failed');
    expect(matchesFields(requirements, { metadata: { name: 'web' }, status: { phase: 'Running' } })).toBe(true);
    expect(matchesFields(requirements, { metadata: { name: 'api' }, status: { phase: 'Running' } })).toBe(false);
    expect(matchesFields(requirements, { metadata: { name: 'web' }, status: { phase: 'Failed' } })).toBe(false);
  });
});
