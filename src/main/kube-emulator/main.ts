/**
 * `npm run kube-emulator [-- --port N --ready-delay MS --kubeconfig FILE --token TOKEN --tls --argo-rollouts --minor N]`:
 * starts the Kubernetes API emulator on 127.0.0.1, writes a kubeconfig for it and prints its path.
 * With a token it serves https (self-signed; the kubeconfig carries the certificate), because kubectl
 * sends no credentials over plain http.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKubeEmulator } from './emulator';

interface Arguments {
  /** True when the kubeconfig path was chosen here (then its folder is removed on exit). */
  temporaryKubeconfig: boolean;
  port: number;
  readyDelayMs: number;
  kubeconfig: string;
  token: string | undefined;
  minor: number;
  tls: boolean;
  argoRollouts: boolean;
}

function parseArguments(argv: readonly string[]): Arguments {
  const parsed: Arguments = {
    temporaryKubeconfig: true,
    port: 0,
    readyDelayMs: 1000,
    kubeconfig: path.join(os.tmpdir(), `kube-emulator-${process.pid}`, 'kubeconfig'),
    token: undefined,
    minor: 33,
    tls: false,
    argoRollouts: false
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = argv[index + 1];
    const number = () => {
      const result = Number(value);
      if (value === undefined || !Number.isInteger(result) || result < 0) throw new Error(`${flag} needs a whole number, got ${String(value)}`);
      index++;
      return result;
    };
    switch (flag) {
      case '--port':
        parsed.port = number();
        break;
      case '--ready-delay':
        parsed.readyDelayMs = number();
        break;
      case '--minor':
        parsed.minor = number();
        break;
      case '--kubeconfig':
        if (!value) throw new Error('--kubeconfig needs a file path');
        parsed.kubeconfig = path.resolve(value);
        parsed.temporaryKubeconfig = false;
        index++;
        break;
      case '--token':
        if (!value) throw new Error('--token needs a value');
        parsed.token = value;
        index++;
        break;
      case '--tls':
        parsed.tls = true;
        break;
      case '--argo-rollouts':
        parsed.argoRollouts = true;
        break;
      case '--help':
        console.log('Usage: npm run kube-emulator -- [--port N] [--ready-delay MS] [--kubeconfig FILE] [--token TOKEN] [--tls] [--argo-rollouts] [--minor N]');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${String(flag)} (try --help)`);
    }
  }
  return parsed;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const emulator = await startKubeEmulator({
    port: args.port,
    podReadyDelayMs: args.readyDelayMs,
    serverMinorVersion: args.minor,
    tls: args.tls || args.token !== undefined,
    argoRollouts: args.argoRollouts,
    ...(args.token ? { tokens: { [args.token]: { user: 'emulator-admin', verbs: '*' } } } : {})
  });
  const kubeconfig = emulator.writeKubeconfig(args.kubeconfig, args.token ? { token: args.token } : {});
  // stdout carries only the kubeconfig path, so a script can read it; the rest goes to stderr.
  console.error(`Kubernetes API emulator (not a real cluster) listening on ${emulator.url}${args.argoRollouts ? ' with Argo Rollouts' : ''}`);
  console.log(kubeconfig);
  console.error(`Try: KUBECONFIG=${kubeconfig} kubectl get deployments   (Ctrl-C stops it)`);
  const shutdown = () => {
    if (args.temporaryKubeconfig) fs.rmSync(path.dirname(kubeconfig), { recursive: true, force: true });
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`kube-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
