import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/result';
import { createRegistryPort } from './registry-adapter';

// distribution 2.8 (the registry these machines have) sends every tag in one answer, so `Link` paging is
// checked here against a few lines of node:http answering the way paging registries do (distribution 3,
// GHCR, Harbor): `n` tags per page and `Link: </v2/…/tags/list?last=…&n=…>; rel="next"`.
describe('tag list pagination over Link headers', () => {
  const all = Array.from({ length: 7 }, (_, i) => `t${i}`);
  const requested: string[] = [];
  let server: http.Server;
  let host: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requested.push(url.pathname + url.search);
      if (url.pathname === '/v2/loop/tags/list') {
        res.writeHead(200, { 'Content-Type': 'application/json', Link: '</v2/loop/tags/list?n=1>; rel="next"' });
        res.end(JSON.stringify({ name: 'loop', tags: ['x'] }));
        return;
      }
      if (url.pathname === '/v2/elsewhere/tags/list') {
        res.writeHead(200, { 'Content-Type': 'application/json', Link: '<http://192.0.2.1/v2/elsewhere/tags/list?n=1>; rel="next"' });
        res.end(JSON.stringify({ name: 'elsewhere', tags: ['only'] }));
        return;
      }
      const n = Number(url.searchParams.get('n') ?? '100');
      const last = url.searchParams.get('last');
      const start = last === null ? 0 : all.indexOf(last) + 1;
      const page = all.slice(start, start + n);
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (start + n < all.length) headers['Link'] = `</v2/shop/api/tags/list?last=${page[page.length - 1] ?? ''}&n=${n}>; rel="next"`;
      res.writeHead(200, headers);
      res.end(JSON.stringify({ name: 'shop/api', tags: page }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    host = `127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('follows rel="next" until the last page, in order', async () => {
    requested.length = 0;
    const client = createRegistryPort({ credentials: { get: () => Promise.resolve(null) }, tagsPageSize: 3 }).open({ host });
    expect(await client.listTags('shop/api')).toEqual(all);
    expect(requested).toEqual(['/v2/shop/api/tags/list?n=3', '/v2/shop/api/tags/list?last=t2&n=3', '/v2/shop/api/tags/list?last=t5&n=3']);
  });

  it('never follows a next link to another host (credentials would go with it)', async () => {
    const client = createRegistryPort({ credentials: { get: () => Promise.resolve(null) } }).open({ host });
    expect(await client.listTags('elsewhere')).toEqual(['only']);
  });

  it('gives up on a registry whose pages go round in circles', async () => {
    const client = createRegistryPort({ credentials: { get: () => Promise.resolve(null) } }).open({ host });
    const error = await client.listTags('loop').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/never stopped paging/);
  });
});
