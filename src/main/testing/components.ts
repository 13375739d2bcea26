/**
 * One gate for tests that need a real component (a Docker engine, a registry). On a developer's machine
 * a missing component skips the test with one loud line saying how to start it; in CI (`CI=true`) a
 * missing component fails the run, so a broken setup can never pass as "all skipped".
 */
export type ComponentName = 'docker' | 'registry' | 'nginx' | 'scipy' | 'prometheus' | 'kubectl';

const HOW_TO_START: Readonly<Record<ComponentName, string>> = {
  docker: 'start it with `bash scripts/services/docker.sh start` (or start Docker Desktop)',
  registry: 'install Debian\'s `docker-registry` (`apt-get install docker-registry`); `bash scripts/services/registry.sh start` runs it on 127.0.0.1',
  nginx: 'install Debian\'s `nginx` (`apt-get install nginx`, then `service nginx stop`: the tests start their own on free ports)',
  scipy: 'install Python 3 with SciPy (Debian: `apt-get install python3-scipy`): the judge\'s statistics are checked against it',
  prometheus: 'install Debian\'s `prometheus` (`apt-get install prometheus`; the tests run their own on free ports, never the system service)',
  kubectl: 'install kubectl (https://kubernetes.io/docs/tasks/tools/; the Google Cloud SDK also ships versioned kubectl.1.NN binaries beside it), so the Kubernetes API emulator can be checked against it'
};

/** True when `probe` says the component answers; otherwise throws in CI or prints SKIPPED and returns false. */
export async function requireComponent(name: ComponentName, probe: () => Promise<boolean>): Promise<boolean> {
  let available: boolean;
  try {
    available = await probe();
  } catch {
    available = false;
  }
  if (available) return true;
  if (process.env.CI === 'true') {
    throw new Error(`${name} is not available in CI — ${HOW_TO_START[name]}`);
  }
  console.warn(`SKIPPED: ${name} not available — ${HOW_TO_START[name]}`);
  return false;
}
