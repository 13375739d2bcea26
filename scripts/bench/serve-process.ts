import { spawn } from 'node:child_process';
import path from 'node:path';

/** The built command line; the benchmarks that drive a browser need `npm run build` first. */
export const builtCli = path.join(__dirname, '..', '..', 'out', 'main', 'cli.js');

export interface ServeProcess {
  /** The URL `shipdeck serve` printed, token included. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `shipdeck serve` on a data folder and waits for the one line with its URL. */
export async function startServe(dataDir: string): Promise<ServeProcess> {
  const server = spawn(process.execPath, [builtCli, 'serve', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Shipdeck at (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`shipdeck serve exited ${code}`)));
  });
  return {
    url,
    stop: async () => {
      if (server.exitCode !== null || server.signalCode !== null) return;
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  };
}
