import { useEffect } from 'react';
import { useCallQuery } from '../api/use-call';
import { reconciledSelection, useNavigationStore } from '../stores/navigation-store';

/** The workspace's services (a query), and the selected one kept valid as the list changes. */
export function useServices() {
  return useCallQuery('services.list', {});
}

/** Once, at the root: when the list changes, a selection that no longer exists moves to the first service. */
export function useSelectionFollowsServices(): void {
  const { data } = useServices();
  useEffect(() => {
    if (!data) return;
    const { selectedService, selectService } = useNavigationStore.getState();
    const next = reconciledSelection(selectedService, data.map((s) => s.name));
    if (next !== selectedService) selectService(next);
  }, [data]);
}
