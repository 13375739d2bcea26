import { QueryClient } from '@tanstack/react-query';

/**
 * The window's cache of call results. Data stays fresh until something says otherwise: the contract's
 * hint streams (see use-invalidation-hints.ts), a mutation, or the user's Refresh. No retries: a core
 * error is an answer (a missing folder stays missing), shown with its hint where the user looks.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: Infinity, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false }
    }
  });
}
