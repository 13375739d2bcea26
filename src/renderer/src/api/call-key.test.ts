import { describe, expect, it } from 'vitest';
import { errorData, keyMatches } from './call-key';
import { CallError } from './call-error';

describe('keyMatches', () => {
  it('matches by call name, and by service when one is given', () => {
    expect(keyMatches(['history.tags', { service: 'api' }], ['history.tags'])).toBe(true);
    expect(keyMatches(['history.tags', { service: 'api' }], ['history.tags'], 'api')).toBe(true);
    expect(keyMatches(['history.tags', { service: 'api' }], ['history.tags'], 'billing')).toBe(false);
    expect(keyMatches(['services.list', {}], ['history.tags'])).toBe(false);
    expect(keyMatches(['services.list', {}], ['services.list'], 'api')).toBe(false);
  });
});

describe('errorData', () => {
  it('keeps the core error as it came, and words anything else as INTERNAL', () => {
    const data = { code: 'NOT_FOUND', message: 'no such service', hint: 'add it' } as const;
    expect(errorData(new CallError(data))).toEqual(data);
    expect(errorData(new Error('boom'))).toEqual({ code: 'INTERNAL', message: 'boom' });
  });
});
