/**
 * Which cached call results each hint stream makes stale. Kept free of zod so the renderer can bundle
 * it: the query layer subscribes to these streams and refetches the calls named here.
 */
import type { CallName, StreamName } from './index';

export const INVALIDATES: Partial<Readonly<Record<StreamName, readonly CallName[]>>> = {
  'workspace.changes': ['services.list', 'services.get', 'audit.list']
};
