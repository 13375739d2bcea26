/**
 * The nginx configuration of one environment's router, generated from a RouteConfig. The first line
 * embeds the RouteConfig as JSON, so what a running nginx has loaded can be read back exactly.
 * Paths in the file are relative to nginx's prefix (`-p`), so the same file works for a host nginx (prefix:
 * the environment's router folder) and for the nginx image (the folder mounted at /shipdeck).
 */
import { z } from 'zod';
import { AppError } from '../../../shared/result';
import type { PoolName, RouteConfig, RoutePool } from '../../ports/traffic-router';

export type RouterMode = 'host' | 'container';

export interface RenderOptions {
  /** `user` for the worker processes; needed when the master runs as root (see nginx-router.ts). */
  readonly workerUser?: string | null;
}

export const ROUTE_HEADER_PREFIX = '# shipdeck-route: ';
/** Response header naming the pool that served a request. */
export const POOL_HEADER = 'X-Shipdeck-Pool';
const MIRROR_LOCATION = '/__shipdeck_mirror__';

/**
 * Split order: the new side first, so its hash range [0, w) only grows as its weight rises — a user already
 * on the canary stays there from 5 % to 25 % to 50 %. The last pool with weight takes the remainder (`*`).
 */
const SPLIT_ORDER: readonly PoolName[] = ['canary', 'green', 'blue', 'stable'];
const POOL_NAMES = new Set<string>(SPLIT_ORDER);
const STICKY_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const NETWORK_ADDRESS = /^[A-Za-z0-9][A-Za-z0-9_.-]*:\d{1,5}$/;
const WEIGHT_TOLERANCE = 0.01;

const invalid = (config: Pick<RouteConfig, 'service' | 'environment'>, problem: string): AppError =>
  new AppError(
    'ROUTER_CONFIG_INVALID',
    `The route for ${config.service}/${config.environment} cannot be written: ${problem}.`,
    'This is a route Shipdeck built from the environment\'s settings and instances; check the environment\'s settings (public port, sticky key) and try again.'
  );

const isPort = (port: number): boolean => Number.isInteger(port) && port >= 1 && port <= 65535;

function checkPool(config: RouteConfig, pool: RoutePool, what: string): void {
  if (!POOL_NAMES.has(pool.name)) throw invalid(config, `${what} has an unknown name "${pool.name}"`);
  for (const server of pool.servers) {
    if (!isPort(server.hostPort)) throw invalid(config, `${what} "${pool.name}": instance ${server.instanceName} has no valid host port (${server.hostPort})`);
    if (!NETWORK_ADDRESS.test(server.networkAddress)) {
      throw invalid(config, `${what} "${pool.name}": instance ${server.instanceName} has an invalid network address "${server.networkAddress}"`);
    }
  }
}

/** Throws ROUTER_CONFIG_INVALID naming the first problem. */
export function validateRouteConfig(config: RouteConfig): void {
  if (!isPort(config.publicPort)) throw invalid(config, `the public port ${config.publicPort} is not a port number (1–65535)`);
  const seen = new Set<PoolName>();
  for (const pool of config.pools) {
    checkPool(config, pool, 'pool');
    if (seen.has(pool.name)) throw invalid(config, `pool "${pool.name}" is listed twice`);
    seen.add(pool.name);
  }
  let total = 0;
  for (const [name, weight] of Object.entries(config.weights)) {
    if (weight === undefined) continue;
    if (!Number.isFinite(weight) || weight < 0 || weight > 100) throw invalid(config, `the weight of "${name}" is ${weight}; weights are percentages from 0 to 100`);
    const pool = config.pools.find((candidate) => candidate.name === name);
    if (weight > 0 && pool === undefined) throw invalid(config, `pool "${name}" has weight ${weight} but is not listed`);
    if (weight > 0 && pool?.servers.length === 0) throw invalid(config, `pool "${name}" has weight ${weight} but no instances`);
    total += weight;
  }
  if (Math.abs(total - 100) > WEIGHT_TOLERANCE) throw invalid(config, `the weights add up to ${total}, not 100`);
  if (config.sticky !== null && !STICKY_NAME.test(config.sticky.name)) {
    throw invalid(config, `the sticky ${config.sticky.kind} name "${config.sticky.name}" may only hold letters, digits, "-" and "_"`);
  }
  if (config.mirror !== null) {
    checkPool(config, config.mirror, 'mirror pool');
    if (config.mirror.servers.length === 0) throw invalid(config, 'the mirror pool has no instances');
  }
}

/** The RouteConfig with exactly its own fields, in a fixed order: what the header line stores. */
function canonical(config: RouteConfig): RouteConfig {
  const pool = (p: RoutePool): RoutePool => ({
    name: p.name,
    servers: p.servers.map((s) => ({ instanceName: s.instanceName, hostPort: s.hostPort, networkAddress: s.networkAddress }))
  });
  const weights: Partial<Record<PoolName, number>> = {};
  for (const name of SPLIT_ORDER) {
    const weight = config.weights[name];
    if (weight !== undefined) weights[name] = weight;
  }
  return {
    service: config.service,
    environment: config.environment,
    publicPort: config.publicPort,
    pools: config.pools.map(pool),
    weights,
    sticky: config.sticky === null ? null : { kind: config.sticky.kind, name: config.sticky.name },
    mirror: config.mirror === null ? null : pool(config.mirror),
    deploymentId: config.deploymentId
  };
}

const upstreamName = (pool: PoolName): string => `shipdeck_${pool}`;

function serverAddress(server: RoutePool['servers'][number], mode: RouterMode): string {
  return mode === 'host' ? `127.0.0.1:${server.hostPort}` : server.networkAddress;
}

function upstreamBlock(name: string, pool: RoutePool, mode: RouterMode): string[] {
  return [
    `  upstream ${name} {`,
    ...pool.servers.map((server) => `    server ${serverAddress(server, mode)} max_fails=1 fail_timeout=5s;  # ${server.instanceName}`),
    '    keepalive 16;',
    '  }'
  ];
}

const percent = (weight: number): string => `${Number(weight.toFixed(2))}%`;

/** What the split hashes: the sticky value when the request carries one, otherwise a per-request id. */
function routeKeyMaps(config: RouteConfig): { lines: string[]; key: string } {
  const sticky = config.sticky;
  if (sticky === null) return { lines: [], key: '$request_id' };
  const lines: string[] = [];
  let source: string;
  if (sticky.kind === 'header') {
    source = `$http_${sticky.name.toLowerCase().replace(/-/g, '_')}`;
  } else if (!sticky.name.includes('-')) {
    source = `$cookie_${sticky.name}`;
  } else {
    // nginx variable names stop at "-", so $cookie_<name> cannot name this cookie: read it from the header.
    source = '$shipdeck_sticky_cookie';
    lines.push(
      '  map $http_cookie $shipdeck_sticky_cookie {',
      `    "~*(?:^|;)\\s*${sticky.name}=(?<shipdeck_cookie_value>[^;]*)" $shipdeck_cookie_value;`,
      '    default "";',
      '  }'
    );
  }
  lines.push('  map ' + source + ' $shipdeck_route_key {', '    "" $request_id;', `    default ${source};`, '  }');
  return { lines, key: '$shipdeck_route_key' };
}

function splitBlock(config: RouteConfig, key: string): string[] {
  const weighted = SPLIT_ORDER.filter((name) => (config.weights[name] ?? 0) > 0);
  return [
    `  split_clients "${key}" $shipdeck_pool {`,
    ...weighted.map((name, i) => (i === weighted.length - 1 ? `    * ${name};` : `    ${percent(config.weights[name] ?? 0)} ${name};`)),
    '  }'
  ];
}

const PROXY_HEADERS = [
  'proxy_http_version 1.1;',
  'proxy_set_header Connection "";',
  'proxy_set_header Host $http_host;',
  'proxy_set_header X-Real-IP $remote_addr;',
  'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  'proxy_set_header X-Forwarded-Proto $scheme;'
];

/** The whole nginx.conf for a route. Throws ROUTER_CONFIG_INVALID when the route is not one nginx can serve. */
export function renderNginxConfig(config: RouteConfig, mode: RouterMode, options: RenderOptions = {}): string {
  validateRouteConfig(config);
  const route = canonical(config);
  const { lines: keyMaps, key } = routeKeyMaps(route);
  const upstreams = route.pools.filter((pool) => pool.servers.length > 0).flatMap((pool) => upstreamBlock(upstreamName(pool.name), pool, mode));
  if (route.mirror !== null) upstreams.push(...upstreamBlock('shipdeck_mirror', route.mirror, mode));
  // In a container nginx listens on its own network namespace; Docker publishes the port on 127.0.0.1 only.
  const listen = mode === 'host' ? `127.0.0.1:${route.publicPort}` : `0.0.0.0:${route.publicPort}`;
  const indent = (spaces: number) => (line: string) => ' '.repeat(spaces) + line;

  const mirrorDirectives = route.mirror === null ? [] : [`mirror ${MIRROR_LOCATION};`, 'mirror_request_body on;'];
  const mirrorLocation =
    route.mirror === null
      ? []
      : [
          '',
          '    # Shadow: a copy of every request; its response is discarded, and short timeouts keep a slow shadow',
          '    # from holding the client connection.',
          `    location = ${MIRROR_LOCATION} {`,
          '      internal;',
          '      proxy_pass http://shipdeck_mirror$request_uri;',
          ...PROXY_HEADERS.map(indent(6)),
          '      proxy_set_header X-Shipdeck-Shadow "1";',
          '      proxy_connect_timeout 500ms;',
          '      proxy_send_timeout 2s;',
          '      proxy_read_timeout 2s;',
          '      proxy_next_upstream off;',
          '    }'
        ];

  return [
    ROUTE_HEADER_PREFIX + JSON.stringify(route),
    `# Written by Shipdeck for ${route.service}/${route.environment}; it is rewritten on every release, do not edit.`,
    ...(options.workerUser ? [`user ${options.workerUser};`] : []),
    'pid nginx.pid;',
    'error_log logs/error.log warn;',
    'worker_processes 1;',
    // An old worker still serving a long request after a reload is stopped after this long.
    'worker_shutdown_timeout 30s;',
    'events {',
    '  worker_connections 1024;',
    '}',
    'http {',
    // No rotation is set up for a router that may run for months, so requests are not logged.
    '  access_log off;',
    '  server_tokens off;',
    '  client_max_body_size 0;',
    '  client_body_temp_path temp/client_body;',
    '  proxy_temp_path temp/proxy;',
    '  fastcgi_temp_path temp/fastcgi;',
    '  uwsgi_temp_path temp/uwsgi;',
    '  scgi_temp_path temp/scgi;',
    '',
    ...keyMaps,
    ...splitBlock(route, key),
    '',
    ...upstreams,
    '',
    '  server {',
    `    listen ${listen};`,
    '    location / {',
    '      proxy_pass http://shipdeck_$shipdeck_pool;',
    ...PROXY_HEADERS.map(indent(6)),
    '      proxy_connect_timeout 2s;',
    // An instance that goes away mid-switch: the request is tried on another instance of its pool.
    '      proxy_next_upstream error timeout http_502 http_503;',
    '      proxy_next_upstream_tries 3;',
    '      proxy_next_upstream_timeout 10s;',
    `      add_header ${POOL_HEADER} $shipdeck_pool always;`,
    ...mirrorDirectives.map(indent(6)),
    '    }',
    ...mirrorLocation,
    '  }',
    '}',
    ''
  ].join('\n');
}

const serverSchema = z.object({ instanceName: z.string(), hostPort: z.number(), networkAddress: z.string() });
const poolName = z.enum(['stable', 'canary', 'blue', 'green']);
const poolSchema = z.object({ name: poolName, servers: z.array(serverSchema) });
const routeSchema = z.object({
  service: z.string(),
  environment: z.string(),
  publicPort: z.number(),
  pools: z.array(poolSchema),
  weights: z.partialRecord(poolName, z.number()),
  sticky: z.object({ kind: z.enum(['header', 'cookie']), name: z.string() }).nullable(),
  mirror: poolSchema.nullable(),
  deploymentId: z.number().nullable()
});

/** The RouteConfig stored in a config file's first line; null when the file holds none (or a damaged one). */
export function readRouteHeader(fileText: string): RouteConfig | null {
  const newline = fileText.indexOf('\n');
  const first = newline === -1 ? fileText : fileText.slice(0, newline);
  if (!first.startsWith(ROUTE_HEADER_PREFIX)) return null;
  try {
    const parsed = routeSchema.safeParse(JSON.parse(first.slice(ROUTE_HEADER_PREFIX.length)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
