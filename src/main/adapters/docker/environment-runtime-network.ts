// The user-defined bridge network of one service's environment, made when missing. Its default host
// address for published ports is 127.0.0.1, so even a binding without an address never leaves loopback.
import { statusCodeOf, toAppError } from './docker-errors';
import type { Engine } from './docker-engine';
import { INSTANCE_LABELS, NETWORK_LABEL, networkName } from './environment-runtime-labels';

export async function ensureEnvironmentNetwork(engine: Engine, service: string, environment: string, signal?: AbortSignal): Promise<string> {
  const name = networkName(service, environment);
  const context = { endpoint: engine.info.endpoint, what: `Preparing the network ${name}`, signal };
  try {
    await engine.docker.getNetwork(name).inspect();
    return name;
  } catch (error) {
    if (statusCodeOf(error) !== 404) throw toAppError(error, context);
  }
  try {
    await engine.docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      // Without it, two deploys starting at once could make two networks of one name.
      CheckDuplicate: true,
      Options: { 'com.docker.network.bridge.host_binding_ipv4': '127.0.0.1' },
      Labels: { [NETWORK_LABEL]: 'environment', [INSTANCE_LABELS.service]: service, [INSTANCE_LABELS.environment]: environment }
    });
  } catch (error) {
    // Made by someone else in the meantime: that is the network we wanted.
    if (statusCodeOf(error) !== 409) throw toAppError(error, context);
  }
  return name;
}
