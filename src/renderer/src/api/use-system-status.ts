import { useCallQuery } from './use-call';

/** How often the offline indicator asks again. */
const STATUS_INTERVAL_MS = 15_000;

/** Whether the Docker engine and the registries answer, asked now and every 15 s. */
export function useSystemStatus() {
  return useCallQuery('system.status', {}, { refetchInterval: STATUS_INTERVAL_MS, retry: false });
}
