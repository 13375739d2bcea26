// Starts lock-holder.ts in another process and waits until it holds the store.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface HeldStore {
  readonly child: ChildProcess;
  /** Resolves when the other process has let go (committed and closed). */
  release(): Promise<void>;
}

export async function holdStore(file: string, mode: 'open' | 'lock', holdMs?: number): Promise<HeldStore> {
  const child = fork(path.join(__dirname, 'lock-holder.ts'), [file, mode, ...(holdMs ? [String(holdMs)] : [])], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${String(code)})`)));
  });
  return {
    child,
    release: () => {
      if (child.connected) child.send('release');
      return released;
    }
  };
}
