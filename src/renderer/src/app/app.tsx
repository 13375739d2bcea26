import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createQueryClient } from '../api/query-client';
import { useInvalidationHints } from '../api/use-invalidation-hints';
import { MainArea } from './main-area';
import styles from './shell.module.css';
import { Sidebar } from './sidebar';
import { useSelectionFollowsServices } from './use-services';

function Shell() {
  useInvalidationHints();
  useSelectionFollowsServices();
  return (
    <div className={styles.app}>
      <Sidebar />
      <main className={styles.main} id="main">
        <MainArea />
      </main>
    </div>
  );
}

/** The window: a sidebar to choose service and screen, and the screen; server state in one query cache. */
export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <Shell />
    </QueryClientProvider>
  );
}
