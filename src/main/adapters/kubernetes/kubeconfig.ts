/**
 * The kubeconfig as kubectl reads it: KUBECONFIG's files (path-list separated; a missing file is skipped;
 * for each cluster, user and context name — and for current-context — the first file that sets it wins),
 * else ~/.kube/config. client-node's loadFromDefault throws on a name in two files and lets the last
 * file's current-context win, so the merge is done here, file by file, with client-node parsing each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import type { KubeconfigView, KubeContextView } from '../../../shared/domain/kubernetes';
import { AppError } from '../../../shared/result';

export interface KubeconfigLocation {
  readonly env?: NodeJS.ProcessEnv;
  readonly homeDir?: string;
  /**
   * Files read after KUBECONFIG's (or ~/.kube/config), e.g. the demo's emulator: they add clusters, users
   * and contexts the user's own files do not name, but never choose the current context.
   */
  readonly extraFiles?: () => readonly string[];
}

interface MergedKubeconfig {
  readonly sources: readonly string[];
  readonly clusters: readonly Cluster[];
  readonly users: readonly User[];
  readonly contexts: readonly Context[];
  readonly currentContext: string | null;
}

/** The files kubectl would read, in order (a KUBECONFIG entry that does not exist is left out, as kubectl does). */
export function kubeconfigFiles(location: KubeconfigLocation): string[] {
  const env = location.env ?? process.env;
  const list = env['KUBECONFIG'];
  if (list !== undefined && list !== '') {
    const files = [...new Set(list.split(path.delimiter).filter((file) => file !== ''))];
    return files.filter((file) => fs.existsSync(file));
  }
  const home = location.homeDir ?? os.homedir();
  const file = path.join(home, '.kube', 'config');
  return fs.existsSync(file) ? [file] : [];
}

/** The user's files (kubeconfigFiles), then the extra files that exist and are not among them. */
function filesToRead(location: KubeconfigLocation): { files: string[]; extraFrom: number } {
  const files = kubeconfigFiles(location);
  const extra = (location.extraFiles?.() ?? []).filter((file) => !files.includes(file) && fs.existsSync(file));
  return { files: [...files, ...extra], extraFrom: files.length };
}

function parseFile(file: string): KubeConfig {
  const config = new KubeConfig();
  try {
    config.loadFromFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AppError('KUBECONFIG_INVALID', `the kubeconfig ${file} could not be read: ${reason}`, 'Fix or remove the file (kubectl config view shows what kubectl makes of it), or point KUBECONFIG at another file.');
  }
  return config;
}

/** client-node refuses http servers unless TLS checks are off; TLS does not apply to http, so kubectl's behaviour is restored. */
function withPlainHttpAllowed(cluster: Cluster): Cluster {
  return cluster.server.startsWith('http://') && !cluster.skipTLSVerify ? { ...cluster, skipTLSVerify: true } : cluster;
}

/** `extraFrom`: files from this index on are extra (see KubeconfigLocation.extraFiles): their current-context is ignored. */
export function mergeKubeconfigFiles(files: readonly string[], extraFrom = files.length): MergedKubeconfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext: string | null = null;
  for (const [index, file] of files.entries()) {
    const config = parseFile(file);
    for (const cluster of config.clusters) if (!clusters.has(cluster.name)) clusters.set(cluster.name, withPlainHttpAllowed(cluster));
    for (const user of config.users) if (!users.has(user.name)) users.set(user.name, user);
    for (const context of config.contexts) if (!contexts.has(context.name)) contexts.set(context.name, context);
    const current = config.getCurrentContext() as string | undefined;
    if (currentContext === null && index < extraFrom && typeof current === 'string' && current !== '') currentContext = current;
  }
  return { sources: files, clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext };
}

/** How a user authenticates, in words (never the credential itself). */
export function authenticationInWords(user: User | undefined): string {
  if (!user) return 'none (the user entry is missing)';
  if (user.exec !== undefined && user.exec !== null) {
    const command = (user.exec as { command?: unknown }).command;
    return typeof command === 'string' ? `exec plugin \`${path.basename(command)}\`` : 'exec plugin';
  }
  if (user.authProvider !== undefined && user.authProvider !== null) {
    const name = (user.authProvider as { name?: unknown }).name;
    return typeof name === 'string' ? `auth provider \`${name}\`` : 'auth provider';
  }
  if (user.certData || user.certFile) return 'client certificate';
  if (user.token) return 'token';
  if (user.username) return 'username and password';
  return 'none';
}

function viewOf(merged: MergedKubeconfig): KubeconfigView {
  const contexts: KubeContextView[] = merged.contexts.map((context) => ({
    name: context.name,
    cluster: context.cluster,
    server: merged.clusters.find((cluster) => cluster.name === context.cluster)?.server ?? null,
    user: context.user,
    namespace: context.namespace ?? null,
    authentication: authenticationInWords(merged.users.find((user) => user.name === context.user)),
    current: context.name === merged.currentContext
  }));
  return { sources: merged.sources, currentContext: merged.currentContext, contexts, problem: null };
}

export interface KubeconfigSource {
  /** For Settings: never throws; a problem is reported in `problem`. */
  view(): KubeconfigView;
  /** A KubeConfig with the context current (null: the kubeconfig's current context). */
  openConfig(context: string | null): KubeConfig;
  /** The context's name and API server, for messages. */
  describe(context: string | null): { readonly context: string; readonly server: string };
}

function fingerprint(files: readonly string[]): string {
  return files.map((file) => {
    try {
      const stat = fs.statSync(file);
      return `${file}:${stat.mtimeMs}:${stat.size}`;
    } catch {
      return `${file}:gone`;
    }
  }).join('|');
}

/**
 * Reads the kubeconfig fresh on every call (cheap: a stat per file) but keeps one KubeConfig per context
 * while the files are unchanged, so client-node's exec-plugin credential cache survives between calls.
 */
export function createKubeconfigSource(location: KubeconfigLocation = {}): KubeconfigSource {
  let cache: { key: string; merged: MergedKubeconfig; configs: Map<string, KubeConfig> } | null = null;

  const load = (): { merged: MergedKubeconfig; configs: Map<string, KubeConfig> } => {
    const { files, extraFrom } = filesToRead(location);
    const key = `${extraFrom}|${fingerprint(files)}`;
    if (cache === null || cache.key !== key) cache = { key, merged: mergeKubeconfigFiles(files, extraFrom), configs: new Map() };
    return cache;
  };

  const resolveContext = (merged: MergedKubeconfig, context: string | null): Context => {
    const where = merged.sources.length > 0 ? merged.sources.join(path.delimiter) : 'no kubeconfig file (KUBECONFIG is unset and ~/.kube/config does not exist)';
    const name = context ?? merged.currentContext;
    const known = merged.contexts.map((entry) => entry.name);
    const knownText = known.length > 0 ? `known contexts: ${known.join(', ')}` : 'it has no contexts';
    if (name === null) throw new AppError('KUBECONFIG_INVALID', `the kubeconfig (${where}) has no current context; ${knownText}`, 'Choose a context for the environment, or run `kubectl config use-context NAME`.');
    const found = merged.contexts.find((entry) => entry.name === name);
    if (!found) throw new AppError('KUBECONFIG_INVALID', `context "${name}" is not in the kubeconfig (${where}); ${knownText}`, 'Pick one of the known contexts, or add it to the kubeconfig (e.g. with your cloud CLI).');
    if (!merged.clusters.some((cluster) => cluster.name === found.cluster)) {
      throw new AppError('KUBECONFIG_INVALID', `context "${name}" names cluster "${found.cluster}", which is not in the kubeconfig (${where})`, 'Add the cluster entry, or fix the context.');
    }
    return found;
  };

  return {
    view() {
      try {
        return viewOf(load().merged);
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        return { sources: filesToRead(location).files, currentContext: null, contexts: [], problem };
      }
    },
    openConfig(context) {
      const { merged, configs } = load();
      const resolved = resolveContext(merged, context);
      const existing = configs.get(resolved.name);
      if (existing) return existing;
      const config = new KubeConfig();
      config.loadFromOptions({ clusters: [...merged.clusters], users: [...merged.users], contexts: [...merged.contexts], currentContext: resolved.name });
      configs.set(resolved.name, config);
      return config;
    },
    describe(context) {
      const { merged } = load();
      const resolved = resolveContext(merged, context);
      const server = merged.clusters.find((cluster) => cluster.name === resolved.cluster)?.server ?? '(no server)';
      return { context: resolved.name, server };
    }
  };
}
