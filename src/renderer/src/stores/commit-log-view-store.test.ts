import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEARCH_DEBOUNCE_MS, useCommitLogViewStore } from './commit-log-view-store';

describe('commit log view', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useCommitLogViewStore.setState({ service: null });
    useCommitLogViewStore.getState().open('shop');
  });
  afterEach(() => vi.useRealTimers());

  it('shows what is typed at once and filters the list only after a pause in typing', () => {
    const { setInput } = useCommitLogViewStore.getState();
    setInput('text', 'f');
    setInput('text', 'fix');
    expect(useCommitLogViewStore.getState().inputs.text).toBe('fix');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    expect(useCommitLogViewStore.getState().filter).toEqual({});
    vi.advanceTimersByTime(1);
    expect(useCommitLogViewStore.getState().filter).toEqual({ text: 'fix' });
  });

  it('drops the selection when the filter or the ref changes, not when the filter stays the same', () => {
    const store = useCommitLogViewStore.getState();
    store.select(4);
    store.setInput('text', '  ');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(useCommitLogViewStore.getState().selectedIndex).toBe(4);
    store.setInput('author', 'zoë');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(useCommitLogViewStore.getState().selectedIndex).toBe(-1);
    store.select(2);
    store.setRef('v1.0.0');
    expect(useCommitLogViewStore.getState()).toMatchObject({ ref: 'v1.0.0', selectedIndex: -1 });
  });

  it('does not use an unusable SHA prefix, and says why', () => {
    useCommitLogViewStore.getState().setInput('sha', 'xyz');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(useCommitLogViewStore.getState().filter).toEqual({});
    expect(useCommitLogViewStore.getState().shaProblem).toMatch(/0–9/);
  });

  it('clears the search at once', () => {
    useCommitLogViewStore.getState().setInput('text', 'fix');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    useCommitLogViewStore.getState().clearFilters();
    expect(useCommitLogViewStore.getState()).toMatchObject({ filter: {}, inputs: { text: '', author: '', sha: '' } });
  });

  it('starts another service from HEAD with no filter, and drops typing still pending', () => {
    const store = useCommitLogViewStore.getState();
    store.setRef('main');
    store.setInput('text', 'fix');
    store.open('billing');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(useCommitLogViewStore.getState()).toMatchObject({ service: 'billing', ref: null, filter: {}, selectedIndex: -1 });
    store.setRef('main');
    store.open('billing'); // the same service again keeps where the user was
    expect(useCommitLogViewStore.getState().ref).toBe('main');
  });
});
