import { describe, expect, it } from 'vitest';
import type { RouteConfig, RouteServer } from '../../ports/traffic-router';
import { readRouteHeader, renderNginxConfig, ROUTE_HEADER_PREFIX } from './nginx-config';

const server = (instanceName: string, hostPort: number): RouteServer => ({ instanceName, hostPort, networkAddress: `${instanceName}:8080` });

const route = (overrides: Partial<RouteConfig> = {}): RouteConfig => ({
  service: 'shop',
  environment: 'prod',
  publicPort: 18080,
  pools: [
    { name: 'stable', servers: [server('shop-stable-0', 20001), server('shop-stable-1', 20002)] },
    { name: 'canary', servers: [server('shop-canary-0', 20003)] }
  ],
  weights: { stable: 75, canary: 25 },
  sticky: null,
  mirror: null,
  deploymentId: 12,
  ...overrides
});

/** The body of a block that opens with `opening {` (one level deep is all the config uses). */
function block(text: string, opening: string): string {
  const start = text.indexOf(`${opening} {`);
  expect(start, `block "${opening}"`).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf('}', start) + 1);
}

describe('renderNginxConfig', () => {
  it('listens on 127.0.0.1 on the host and inside its namespace in a container', () => {
    expect(renderNginxConfig(route(), 'host')).toContain('listen 127.0.0.1:18080;');
    expect(renderNginxConfig(route(), 'container')).toContain('listen 0.0.0.0:18080;');
  });

  it('has an upstream per pool with keepalive: host ports on the host, network addresses in a container', () => {
    const host = renderNginxConfig(route(), 'host');
    const stable = block(host, 'upstream shipdeck_stable');
    expect(stable).toMatch(/server 127\.0\.0\.1:20001 /);
    expect(stable).toMatch(/server 127\.0\.0\.1:20002 /);
    expect(stable).toContain('keepalive');
    expect(block(host, 'upstream shipdeck_canary')).toMatch(/server 127\.0\.0\.1:20003 /);

    const container = renderNginxConfig(route(), 'container');
    expect(block(container, 'upstream shipdeck_canary')).toMatch(/server shop-canary-0:8080 /);
    expect(container).not.toContain('127.0.0.1:2000');
  });

  it('splits by weight with the canary range first, the last weighted pool taking the rest', () => {
    const split = block(renderNginxConfig(route(), 'host'), 'split_clients "$request_id" $shipdeck_pool');
    expect(split.split('\n').slice(1, 3).map((line) => line.trim())).toEqual(['25% canary;', '* stable;']);
    const wider = block(renderNginxConfig(route({ weights: { stable: 50, canary: 50 } }), 'host'), 'split_clients "$request_id" $shipdeck_pool');
    expect(wider).toContain('50% canary;');
  });

  it('gives a pool with weight 0 no share of the split', () => {
    const text = renderNginxConfig(route({ weights: { stable: 100, canary: 0 } }), 'host');
    const split = block(text, 'split_clients "$request_id" $shipdeck_pool');
    expect(split).not.toContain('canary');
    expect(split).toContain('* stable;');
  });

  it('keys the split on a sticky header, falling back to the request id when it is missing', () => {
    const text = renderNginxConfig(route({ sticky: { kind: 'header', name: 'X-User-Id' } }), 'host');
    const map = block(text, 'map $http_x_user_id $shipdeck_route_key');
    expect(map).toContain('"" $request_id;');
    expect(map).toContain('default $http_x_user_id;');
    expect(text).toContain('split_clients "$shipdeck_route_key" $shipdeck_pool');
  });

  it('keys the split on a sticky cookie, read from the Cookie header when its name holds a dash', () => {
    const plain = renderNginxConfig(route({ sticky: { kind: 'cookie', name: 'uid' } }), 'host');
    expect(block(plain, 'map $cookie_uid $shipdeck_route_key')).toContain('default $cookie_uid;');

    const dashed = renderNginxConfig(route({ sticky: { kind: 'cookie', name: 'user-id' } }), 'host');
    expect(block(dashed, 'map $http_cookie $shipdeck_sticky_cookie')).toContain('user-id=(?<shipdeck_cookie_value>[^;]*)');
    expect(block(dashed, 'map $shipdeck_sticky_cookie $shipdeck_route_key')).toContain('"" $request_id;');
  });

  it('retries a request on another instance when one goes away, and names the pool that served it', () => {
    const location = block(renderNginxConfig(route(), 'host'), 'location /');
    expect(location).toContain('proxy_pass http://shipdeck_$shipdeck_pool;');
    expect(location).toContain('proxy_next_upstream error timeout http_502 http_503;');
    expect(location).toMatch(/proxy_next_upstream_tries [2-5];/);
    expect(location).toContain('add_header X-Shipdeck-Pool $shipdeck_pool always;');
  });

  it('mirrors every request to the shadow pool through an internal location with short timeouts', () => {
    const shadow = route({ pools: [{ name: 'stable', servers: [server('s0', 20001)] }], weights: { stable: 100 }, mirror: { name: 'canary', servers: [server('c0', 20009)] } });
    const text = renderNginxConfig(shadow, 'host');
    expect(block(text, 'location /')).toContain('mirror /__shipdeck_mirror__;');
    expect(block(text, 'location /')).toContain('mirror_request_body on;');
    const mirror = block(text, 'location = /__shipdeck_mirror__');
    expect(mirror).toContain('internal;');
    expect(mirror).toContain('proxy_pass http://shipdeck_mirror$request_uri;');
    expect(mirror).toMatch(/proxy_read_timeout \d+s;/);
    expect(block(text, 'upstream shipdeck_mirror')).toContain('server 127.0.0.1:20009');
    expect(renderNginxConfig(route(), 'host')).not.toMatch(/^\s*mirror/m);
  });

  it('keeps files relative to the prefix and sets the worker user only when asked', () => {
    const text = renderNginxConfig(route(), 'host');
    expect(text).toContain('pid nginx.pid;');
    expect(text).toContain('error_log logs/error.log');
    expect(text).not.toMatch(/^user /m);
    expect(renderNginxConfig(route(), 'host', { workerUser: 'root' })).toMatch(/^user root;$/m);
  });

  it('embeds the route in its first line, read back exactly', () => {
    const config = route({ sticky: { kind: 'cookie', name: 'user-id' }, mirror: { name: 'green', servers: [server('g0', 20010)] } });
    const text = renderNginxConfig(config, 'host');
    expect(text.startsWith(ROUTE_HEADER_PREFIX)).toBe(true);
    expect(readRouteHeader(text)).toEqual(config);
    expect(readRouteHeader('worker_processes 1;\n')).toBeNull();
    expect(readRouteHeader(`${ROUTE_HEADER_PREFIX}{"service":1}\n`)).toBeNull();
  });

  it('refuses routes nginx could not serve, saying what is wrong', () => {
    const refuse = (config: RouteConfig, message: RegExp) => {
      expect(() => renderNginxConfig(config, 'host')).toThrow(message);
      try {
        renderNginxConfig(config, 'host');
      } catch (error) {
        expect((error as { code?: string }).code).toBe('ROUTER_CONFIG_INVALID');
      }
    };
    refuse(route({ weights: { stable: 70, canary: 25 } }), /add up to 95/);
    refuse(route({ weights: { stable: 75, green: 25 } }), /"green" has weight 25 but is not listed/);
    refuse(route({ pools: [{ name: 'stable', servers: [server('s0', 1)] }, { name: 'canary', servers: [] }] }), /"canary" has weight 25 but no instances/);
    refuse(route({ publicPort: 70000 }), /public port 70000/);
    refuse(route({ sticky: { kind: 'header', name: 'x user;' } }), /sticky header name/);
    refuse(route({ pools: [{ name: 'stable', servers: [{ instanceName: 'x', hostPort: 1, networkAddress: 'x; evil' }] }], weights: { stable: 100 } }), /network address/);
  });
});
