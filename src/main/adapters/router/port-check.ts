// Whether a port on 127.0.0.1 can be bound: nginx's own bind failure comes only after five 0.5 s retries.
import net from 'node:net';
import { AppError } from '../../../shared/result';

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export function portInUse(port: number, service: string, environment: string): AppError {
  return new AppError(
    'PORT_IN_USE',
    `Port ${port} on 127.0.0.1 is already taken by another program, so the router of ${service}/${environment} cannot listen there.`,
    `Stop what listens on ${port} (\`lsof -i :${port}\` shows it), or give the environment another public port.`
  );
}
