import { afterEach, describe, expect, it, vi } from 'vitest';
import { requireComponent } from './components';

describe('requireComponent', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('is true when the probe says the component answers', async () => {
    expect(await requireComponent('docker', async () => true)).toBe(true);
  });

  it('skips loudly outside CI, naming how to start the component', async () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await requireComponent('registry', async () => false)).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^SKIPPED: registry not available — .*docker-registry/));
  });

  it('fails in CI, also when the probe itself throws', async () => {
    vi.stubEnv('CI', 'true');
    await expect(requireComponent('docker', async () => Promise.reject(new Error('socket')))).rejects.toThrow(/docker is not available in CI/);
  });
});
