import type { QueryKey } from '@tanstack/react-query';
import type { CallInput, CallName } from '../../../shared/contract';
import type { AppErrorData } from '../../../shared/result';
import { CallError } from './call-error';

/** A call's cache key: its name first, so a hint can invalidate every input of a call at once. */
export type CallKey<N extends CallName> = readonly [N, CallInput<N>];

export const callKey = <N extends CallName>(name: N, input: CallInput<N>): CallKey<N> => [name, input];

/** Whether a cache key belongs to one of these calls and, when given, to this service. */
export function keyMatches(key: QueryKey, calls: readonly CallName[], service?: string): boolean {
  const [name, input] = key;
  if (typeof name !== 'string' || !(calls as readonly string[]).includes(name)) return false;
  if (service === undefined) return true;
  return typeof input === 'object' && input !== null && (input as { service?: unknown }).service === service;
}

/** The error data of whatever a query or mutation threw (a bug in the page is an INTERNAL error). */
export function errorData(error: unknown): AppErrorData {
  if (error instanceof CallError) return error.data;
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
