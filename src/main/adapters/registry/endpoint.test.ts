import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/result';
import { isLoopbackHost, resolveEndpoint } from './endpoint';

describe('resolveEndpoint', () => {
  it('uses http on this machine and https elsewhere by default', () => {
    expect(resolveEndpoint({ host: '127.0.0.1:5000' }).baseUrl.href).toBe('http://127.0.0.1:5000/');
    expect(resolveEndpoint({ host: 'localhost:5000' }).baseUrl.href).toBe('http://localhost:5000/');
    expect(resolveEndpoint({ host: 'Registry.Example.com' }).baseUrl.href).toBe('https://registry.example.com/');
    expect(resolveEndpoint({ host: '127.0.0.1:5443', scheme: 'https' }).baseUrl.protocol).toBe('https:');
  });

  it('refuses plain http off this machine unless allowed explicitly', () => {
    let error: unknown;
    try {
      resolveEndpoint({ host: '10.0.0.5:5000', scheme: 'http' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_INPUT');
    expect((error as AppError).message).toContain('only used for registries on this machine');
    expect(resolveEndpoint({ host: '10.0.0.5:5000', scheme: 'http', allowPlainHttp: true }).baseUrl.href).toBe('http://10.0.0.5:5000/');
  });

  it('refuses what is not a host', () => {
    for (const host of ['', 'http://x', '127.0.0.1:5000/shop', 'a b']) expect(() => resolveEndpoint({ host })).toThrow(AppError);
  });
});

describe('isLoopbackHost', () => {
  it('knows 127.0.0.0/8, ::1 and localhost, and nothing else', () => {
    for (const host of ['127.0.0.1', '127.1.2.3:80', 'localhost', 'api.localhost:1', '[::1]:5000']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['128.0.0.1', '10.0.0.1:5000', 'localhost.example.com', '[::2]:5000', '127.0.0.1.nip.io']) expect(isLoopbackHost(host)).toBe(false);
  });
});
