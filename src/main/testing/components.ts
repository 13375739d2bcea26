/**
 * The one gate for tests that need a real component (a Docker engine, Debian's docker-registry). When the
 * probe says it is there, the test runs. When not: in CI (`CI=true`) the test fails — a missing component
 * must never pass as green — and elsewhere one loud line says what was skipped and how to get it.
 */
export type ComponentName = 'docker' | 'registry';

const HOW_TO_GET: Readonly<Record<ComponentName, string>> = {
  docker:
    'install docker.io and start the engine: dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false &',
  registry: 'install docker-registry, apache2-utils (htpasswd) and openssl: apt-get install docker-registry apache2-utils openssl'
};

export async function requireComponent(name: ComponentName, probe: () => Promise<boolean>): Promise<boolean> {
  let available: boolean;
  try {
    available = await probe();
  } catch {
    available = false;
  }
  if (available) return true;
  if (process.env['CI'] === 'true') throw new Error(`${name} is required in CI but is not available — ${HOW_TO_GET[name]}`);
  console.warn(`SKIPPED: ${name} not available — ${HOW_TO_GET[name]}`);
  return false;
}
