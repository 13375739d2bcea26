// Browser mode over a real core on a data folder, called over real HTTP: for the held-lock test and bench.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Result } from '../../../../shared/result';
import { TRANSPORT } from '../../../../shared/transport';
import { createLocalConnection } from '../../../api/connection';
import { startBrowserHost } from '../../../browser-host';
import { createCore } from '../../../core';

export interface BrowserCore {
  /** One contract call over HTTP, as the renderer makes it. */
  call(name: string, input: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export async function startBrowserCore(dataDir: string): Promise<BrowserCore> {
  const core = createCore({ dataDir, mode: 'browser', version: 'test' });
  const connection = createLocalConnection(core.handlers, () => core.close());
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-renderer-'));
  const host = await startBrowserHost({ connection, rendererDir });
  // One socket per call, like independent browser requests: no call waits behind another's connection.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const call = (name: string, input: unknown) =>
    new Promise<Result<unknown>>((resolve, reject) => {
      const body = JSON.stringify({ name, input });
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: TRANSPORT.httpCall,
          method: 'POST',
          agent,
          headers: { [TRANSPORT.tokenHeader]: host.token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve(JSON.parse(text) as Result<unknown>));
        }
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    call,
    close: async () => {
      agent.destroy();
      await host.close();
      await connection.close();
      fs.rmSync(rendererDir, { recursive: true, force: true });
    }
  };
}
