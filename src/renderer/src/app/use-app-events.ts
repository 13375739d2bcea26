import { useEffect } from 'react';
import { onEvent } from '../api/client';
import { useAuditStore } from '../stores/audit-store';
import { useDemoStore } from '../stores/demo-store';
import { useServicesStore } from '../stores/services-store';

/** Wires the backend's stream events to the stores, once for the whole window. */
export function useAppEvents(): void {
  useEffect(() => {
    void useServicesStore.getState().load();
    const offWorkspace = onEvent('workspace.changed', () => {
      void useServicesStore.getState().load();
      if (useAuditStore.getState().status !== 'idle') void useAuditStore.getState().load();
    });
    const offProgress = onEvent('progress', (event) => {
      if (event.task === 'demo') useDemoStore.getState().reportProgress(event);
    });
    return () => {
      offWorkspace();
      offProgress();
    };
  }, []);
}
