/**
 * A core host process that serves the conformance handlers instead of the real core: the same
 * serveCore and protocol as core-host.ts, so the suite runs against a real forked process.
 */
import { createLocalConnection } from '../api/connection';
import { serveCore } from '../serve-core';
import type { FromCore, ToCore } from '../core-protocol';
import { createConformanceHandlers } from './conformance-handlers';

const send = process.send?.bind(process);
if (send) {
  const connection = createLocalConnection(createConformanceHandlers(), () => undefined, {
    replayLimit: Number(process.env.SHIPDECK_TEST_REPLAY_LIMIT ?? 10_000)
  });
  serveCore(
    {
      send: (message: FromCore) => void send(message),
      onMessage: (listener) => process.on('message', (message) => listener(message as ToCore))
    },
    connection,
    () => process.exit(0)
  );
  process.on('disconnect', () => process.exit(0));
  void send({ kind: 'ready' } satisfies FromCore);
}
