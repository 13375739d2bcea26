import path from 'node:path';
import { createLocalConnection } from '../api/connection';
import { startBrowserHost } from '../browser-host';
import { createCore } from '../core';

/** `shipdeck serve`: browser mode until Ctrl-C (or SIGTERM), then a clean shutdown. */
export async function serve(options: { dataDir: string; port: number | undefined; version: string }): Promise<void> {
  const core = createCore({ dataDir: options.dataDir, mode: 'browser', version: options.version });
  const connection = createLocalConnection(core.handlers, () => core.close());
  let host;
  try {
    host = await startBrowserHost({
      connection,
      rendererDir: path.join(__dirname, '..', 'renderer'),
      port: options.port
    });
  } catch (error) {
    await connection.close();
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${String(options.port)} is already in use; pick another with --port, or leave it out`);
    throw error;
  }
  process.stdout.write(`Shipdeck at ${host.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await connection.close();
}
