import { useEffect } from 'react';
import { subscribe } from '../api/client';
import { useAuditStore } from '../stores/audit-store';
import { useDemoStore } from '../stores/demo-store';
import { useServicesStore } from '../stores/services-store';

/** Wires the backend's streams to the stores, once for the whole window. */
export function useAppEvents(): void {
  useEffect(() => {
    void useServicesStore.getState().load();
    const refresh = () => {
      void useServicesStore.getState().load();
      if (useAuditStore.getState().status !== 'idle') void useAuditStore.getState().load();
    };
    const offWorkspace = subscribe('workspace.changes', {}, { onItems: refresh, onReset: refresh });
    const offProgress = subscribe('tasks.progress', { task: 'demo' }, {
      onItems: (events) => events.forEach((event) => useDemoStore.getState().reportProgress(event))
    });
    return () => {
      offWorkspace();
      offProgress();
    };
  }, []);
}
