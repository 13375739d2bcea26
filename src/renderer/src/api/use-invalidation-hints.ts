import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { subscribe } from './client';
import { connectInvalidationHints } from './invalidation-hints';

/** Once, at the root: the contract's hint streams keep the query cache fresh. */
export function useInvalidationHints(): void {
  const client = useQueryClient();
  useEffect(() => connectInvalidationHints(client, subscribe), [client]);
}
