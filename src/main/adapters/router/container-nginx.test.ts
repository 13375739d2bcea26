import { describe, expect, it } from 'vitest';
import { parseInspect, parseTopWorkers, routerContainerCommands } from './container-nginx';
import { routerSite } from './nginx-engine';

const site = routerSite('/data/shipdeck', 'shop', 'prod');

describe('routerContainerCommands', () => {
  const commands = routerContainerCommands(site, { image: 'nginx:1.27-alpine' });

  it('runs nginx in the foreground on the environment network, its folder mounted, the port published on 127.0.0.1 only', () => {
    const args = commands.run(18080);
    expect(args.slice(0, 2)).toEqual(['run', '-d']);
    expect(args).toEqual(expect.arrayContaining(['--name', 'shipdeck-router-shop-prod']));
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    expect(after('--network')).toBe('shipdeck-shop-prod');
    expect(after('-p')).toBe('127.0.0.1:18080:18080');
    expect(after('-v')).toBe('/data/shipdeck/router/shop/prod:/shipdeck');
    expect(after('--entrypoint')).toBe('nginx');
    const command = args.slice(args.indexOf('nginx:1.27-alpine') + 1);
    expect(command).toEqual(['-p', '/shipdeck/', '-c', '/shipdeck/nginx.conf', '-e', '/shipdeck/logs/error.log', '-g', 'daemon off;']);
  });

  it('tests a candidate inside the running router, or in a throwaway container on the same network', () => {
    expect(commands.testInRunning(site.candidateFile)).toEqual(['exec', 'shipdeck-router-shop-prod', 'nginx', '-t', '-p', '/shipdeck/', '-c', '/shipdeck/nginx.conf.next', '-e', 'stderr']);
    const once = commands.testOnce(site.candidateFile);
    expect(once.slice(0, 2)).toEqual(['run', '--rm']);
    expect(once[once.indexOf('--network') + 1]).toBe('shipdeck-shop-prod');
    expect(once.slice(once.indexOf('nginx:1.27-alpine') + 1)).toEqual(['-t', '-p', '/shipdeck/', '-c', '/shipdeck/nginx.conf.next', '-e', 'stderr']);
  });

  it('reloads with nginx -s reload on the live config', () => {
    expect(commands.reload()).toEqual(['exec', 'shipdeck-router-shop-prod', 'nginx', '-s', 'reload', '-p', '/shipdeck/', '-c', '/shipdeck/nginx.conf']);
  });

  it('uses the network the runtime names', () => {
    const custom = routerContainerCommands(site, { networkName: (service, environment) => `net-${service}.${environment}` });
    expect(custom.network).toBe('net-shop.prod');
    expect(custom.run(1)).toContain('nginx:stable-alpine');
  });
});

describe('reading docker back', () => {
  it('reads whether the router runs and the port it publishes', () => {
    const json = JSON.stringify({ Id: 'abc', State: { Running: true }, HostConfig: { PortBindings: { '18080/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }] } } });
    expect(parseInspect(json)).toEqual({ id: 'abc', running: true, publishedPort: 18080 });
    expect(parseInspect('not json')).toBeNull();
  });

  it('finds the master\'s workers and which of them are shutting down', () => {
    const top = [
      'PID                 PPID                COMMAND',
      '4100                4080                nginx: master process nginx -p /shipdeck/ -c /shipdeck/nginx.conf',
      '4120                4100                nginx: worker process is shutting down',
      '4130                4100                nginx: worker process',
      '4200                4080                sh'
    ].join('\n');
    expect(parseTopWorkers(top)).toEqual([
      { id: '4120', shuttingDown: true },
      { id: '4130', shuttingDown: false }
    ]);
  });
});
