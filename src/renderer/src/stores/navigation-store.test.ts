import { describe, expect, it } from 'vitest';
import { reconciledSelection, useNavigationStore } from './navigation-store';

describe('reconciledSelection', () => {
  it('keeps a remembered service that still exists', () => {
    expect(reconciledSelection('billing', ['api', 'billing'])).toBe('billing');
  });
  it('moves to the first service when the remembered one is gone, or to none', () => {
    expect(reconciledSelection('gone', ['api', 'billing'])).toBe('api');
    expect(reconciledSelection(null, ['api'])).toBe('api');
    expect(reconciledSelection('api', [])).toBeNull();
  });
});

describe('detail screens', () => {
  it('opens a release from a sidebar screen and goes back to it', () => {
    const store = useNavigationStore;
    store.getState().go('console');
    store.getState().openRelease(42);
    expect(store.getState()).toMatchObject({ screen: 'release', releaseId: 42, backTo: 'console' });
    store.getState().back();
    expect(store.getState().screen).toBe('console');
  });
  it('keeps the way back to the first screen across linked detail screens', () => {
    const store = useNavigationStore;
    store.getState().go('environments');
    store.getState().openRelease(7);
    store.getState().openTimeline('sha256:abc');
    expect(store.getState()).toMatchObject({ screen: 'artifact-timeline', timelineDigest: 'sha256:abc', backTo: 'environments' });
    store.getState().back();
    expect(store.getState().screen).toBe('environments');
  });
});
