// Start, list and remove an environment's instances. Each instance is published on a host port chosen
// here (not by the engine): a port the engine picks changes when the container restarts, and the router
// in front must keep reaching it.
import net from 'node:net';
import type { Instance, InstanceSpec } from '../../ports/environment-runtime';
import { AppError } from '../../../shared/result';
import { abortable, cancelled, statusCodeOf, toAppError } from './docker-errors';
import type { Engine } from './docker-engine';
import { imageNotFound, isAborted, isNoSuchImage, isPortTaken, portInUse } from './environment-runtime-errors';
import { ensureInstanceImage } from './environment-runtime-images';
import {
  CONTAINER_PORT,
  containerName,
  INSTANCE_LABELS,
  instanceEnv,
  instanceLabels,
  toInstance,
  type InspectedContainer
} from './environment-runtime-labels';
import { ensureEnvironmentNetwork } from './environment-runtime-network';

/** Chooses the 127.0.0.1 port an instance is published on. */
export type HostPortPicker = () => Promise<number>;

/** A port that is free on 127.0.0.1 right now (the kernel's choice). */
export const freeLoopbackPort: HostPortPicker = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port was assigned'))));
    });
  });

/** Another program may take the chosen port before the engine binds it; a new port is tried this often. */
const PORT_ATTEMPTS = 3;

const describe = (spec: InstanceSpec): string => `the ${spec.role} instance ${spec.index} of ${spec.service} in ${spec.environment}`;

export async function inspectInstance(engine: Engine, id: string): Promise<InspectedContainer | null> {
  try {
    return (await engine.docker.getContainer(id).inspect()) as InspectedContainer;
  } catch (error) {
    if (statusCodeOf(error) === 404) return null;
    throw toAppError(error, { endpoint: engine.info.endpoint, what: `Inspecting the container ${id}` });
  }
}

/** Removes a container this call made and could not finish; a failure here must not hide the first one. */
async function discard(engine: Engine, id: string): Promise<void> {
  await engine.docker
    .getContainer(id)
    .remove({ force: true, v: true })
    .catch(() => undefined);
}

async function createAndStart(engine: Engine, spec: InstanceSpec, network: string, hostPort: number, signal?: AbortSignal): Promise<Instance> {
  const context = { endpoint: engine.info.endpoint, what: `Starting ${describe(spec)}` };
  const portKey = `${CONTAINER_PORT}/tcp`;
  let id: string;
  try {
    const container = await engine.docker.createContainer({
      name: containerName(spec),
      Image: spec.imageReference,
      Env: instanceEnv(spec),
      Labels: instanceLabels(spec),
      ExposedPorts: { [portKey]: {} },
      HostConfig: {
        // An init as PID 1 forwards SIGTERM, so a stop takes as long as the service needs, not the whole grace.
        Init: true,
        NetworkMode: network,
        PortBindings: { [portKey]: [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }] },
        RestartPolicy: { Name: 'unless-stopped' }
      }
    });
    id = container.id;
  } catch (error) {
    if (statusCodeOf(error) === 404 && isNoSuchImage(error)) throw imageNotFound(spec.imageReference);
    throw toAppError(error, context);
  }
  try {
    await engine.docker.getContainer(id).start();
  } catch (error) {
    await discard(engine, id);
    if (isPortTaken(error)) throw portInUse(hostPort, error);
    throw toAppError(error, context);
  }
  if (isAborted(signal)) {
    await discard(engine, id);
    throw cancelled(`Starting ${describe(spec)}`);
  }
  const inspected = await inspectInstance(engine, id);
  const instance = inspected === null ? null : toInstance(inspected);
  if (instance === null) {
    throw new AppError('DOCKER_FAILED', `The container of ${describe(spec)} disappeared right after it started.`, 'Something removed it; check for other tools cleaning containers, then run the step again.');
  }
  return instance;
}

export async function startInstance(engine: Engine, spec: InstanceSpec, pickHostPort: HostPortPicker, signal?: AbortSignal): Promise<Instance> {
  if (isAborted(signal)) throw cancelled(`Starting ${describe(spec)}`);
  await ensureInstanceImage(engine, spec.imageReference, signal);
  const network = await ensureEnvironmentNetwork(engine, spec.service, spec.environment, signal);
  for (let attempt = 1; ; attempt += 1) {
    if (isAborted(signal)) throw cancelled(`Starting ${describe(spec)}`);
    const hostPort = await pickHostPort();
    try {
      return await createAndStart(engine, spec, network, hostPort, signal);
    } catch (error) {
      if (error instanceof AppError && error.code === 'PORT_IN_USE' && attempt < PORT_ATTEMPTS) continue;
      throw error;
    }
  }
}

export async function listInstances(engine: Engine, service: string, environment?: string, signal?: AbortSignal): Promise<Instance[]> {
  const label = [`${INSTANCE_LABELS.service}=${service}`, INSTANCE_LABELS.role];
  if (environment !== undefined) label.push(`${INSTANCE_LABELS.environment}=${environment}`);
  let ids: string[];
  try {
    const containers = await engine.docker.listContainers({ all: true, filters: { label }, ...abortable(signal) });
    ids = containers.map((container) => container.Id);
  } catch (error) {
    throw toAppError(error, { endpoint: engine.info.endpoint, what: `Listing the instances of ${service}`, signal });
  }
  const instances: Instance[] = [];
  for (const id of ids) {
    if (isAborted(signal)) throw cancelled(`Listing the instances of ${service}`);
    // Removed between the list and now: it no longer runs, so it is not listed.
    const inspected = await inspectInstance(engine, id);
    const instance = inspected === null ? null : toInstance(inspected);
    if (instance !== null) instances.push(instance);
  }
  return instances.sort((a, b) => a.environment.localeCompare(b.environment) || a.role.localeCompare(b.role) || a.index - b.index || a.name.localeCompare(b.name));
}

/** 304 (already stopped), 404 (already gone) and 409 (removal already under way) are all "done". */
const alreadyDone = (error: unknown): boolean => [304, 404, 409].includes(statusCodeOf(error) ?? 0);

export async function removeInstance(engine: Engine, id: string, graceSeconds: number): Promise<void> {
  const container = engine.docker.getContainer(id);
  const context = { endpoint: engine.info.endpoint, what: `Removing the instance ${id}` };
  try {
    await container.stop({ t: Math.max(0, Math.round(graceSeconds)) });
  } catch (error) {
    if (!alreadyDone(error)) throw toAppError(error, context);
  }
  try {
    await container.remove({ force: true, v: true });
  } catch (error) {
    if (!alreadyDone(error)) throw toAppError(error, context);
  }
}
