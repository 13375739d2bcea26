import { describe, expect, it } from 'vitest';
import { notificationText } from './notification-text';
import { release } from './release-fixtures';

describe('the notification when a release ends', () => {
  it('says what now runs where after a deploy or a rollback', () => {
    expect(notificationText(release({ status: 'succeeded', environment: 'prod', version: 'v1.2.0' }))).toEqual({
      title: 'Deploy done: api → prod',
      body: 'v1.2.0 now runs in prod.'
    });
    expect(notificationText(release({ status: 'succeeded', trigger: 'rollback', environment: 'prod' }))?.title).toBe('Rollback done: api → prod');
  });

  it('says how it failed, with the reason', () => {
    expect(notificationText(release({ status: 'failed', reason: 'instance never got healthy' }))).toEqual({
      title: 'Deploy failed: api → staging',
      body: 'v1.2.0 — instance never got healthy'
    });
  });

  it('says nothing while the release moves or waits for a person', () => {
    expect(notificationText(release({ status: 'in-progress' }))).toBeNull();
    expect(notificationText(release({ status: 'pending-approval' }))).toBeNull();
  });
});
