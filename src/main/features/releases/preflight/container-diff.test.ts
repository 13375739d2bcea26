import { describe, expect, it } from 'vitest';
import type { ImageConfigSummary } from '../../../ports/environment-runtime';
import { diffImageConfig } from './container-diff';

const config = (patch: Partial<ImageConfigSummary> = {}): ImageConfigSummary => ({
  env: ['PATH=/bin', 'APP_MODE=fast'],
  cmd: ['httpd', '-f'],
  entrypoint: [],
  exposedPorts: ['8080/tcp'],
  user: '',
  workingDir: '/srv',
  ...patch
});

describe('diffImageConfig', () => {
  it('is empty for the same configuration', () => {
    expect(diffImageConfig(config(), config({ env: ['APP_MODE=fast', 'PATH=/bin'] }))).toEqual([]);
  });

  it('names each variable added, removed or changed, then the other fields that differ', () => {
    const now = config({ env: ['PATH=/bin', 'APP_MODE=fast', 'NEW_FLAG=1'], cmd: ['node', 'server.js'], user: 'app' });
    const target = config({ env: ['PATH=/bin', 'APP_MODE=safe'], exposedPorts: ['8080/tcp', '9090/tcp'] });
    expect(diffImageConfig(now, target)).toEqual([
      { setting: 'env APP_MODE', from: 'fast', to: 'safe' },
      { setting: 'env NEW_FLAG', from: '1', to: 'unset' },
      { setting: 'command', from: 'node server.js', to: 'httpd -f' },
      { setting: 'exposed ports', from: '8080/tcp', to: '8080/tcp 9090/tcp' },
      { setting: 'user', from: 'app', to: 'none' }
    ]);
  });

  it('never shows the value of a variable that looks like a credential', () => {
    const changes = diffImageConfig(config({ env: ['DB_PASSWORD=hunter2'] }), config({ env: ['DB_PASSWORD=letmein', 'API_TOKEN=abc'] }));
    expect(JSON.stringify(changes)).not.toMatch(/hunter2|letmein|abc/);
    expect(changes).toEqual([
      { setting: 'env API_TOKEN', from: 'unset', to: 'set (value hidden)' },
      { setting: 'env DB_PASSWORD', from: 'a value (hidden)', to: 'a value (hidden)' }
    ]);
  });
});
