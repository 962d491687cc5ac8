import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { bearerAuth, headerAuth, MissingCredentialError } from '../../../src/runtime/auth.ts';
import { createApiClient } from '../../../src/runtime/create-client.ts';
import { json, scriptedFetch, SECRET, testClient, type TestPaths } from './helpers.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createApiClient', () => {
  it('returns the openapi-fetch client: typed { data, error, response }', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { id: 'c1', email: 'a@b.c' }));
    const client = testClient(fetch);
    const { data, error, response } = await client.GET('/contacts/{id}', { params: { path: { id: 'c1' } } });
    expectTypeOf(data).toEqualTypeOf<{ id: string; email: string } | undefined>();
    expectTypeOf(error).toEqualTypeOf<{ success: false; message: string } | undefined>();
    expect(data).toEqual({ id: 'c1', email: 'a@b.c' });
    expect(response.status).toBe(200);
    expect(requests[0]!.url).toBe('https://api.test/v1/contacts/c1');
  });

  const authCases = [
    { given: bearerAuth(SECRET), want: `Bearer ${SECRET}` },
    { given: headerAuth('Authorization', SECRET), want: SECRET },
  ];
  for (const { given, want } of authCases) {
    it(`sends Authorization: ${want.startsWith('Bearer') ? 'Bearer <key>' : '<key>'} and Accept: application/json`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, { id: 'c1' }));
      const client = testClient(fetch, { auth: given });
      await client.GET('/contacts/{id}', { params: { path: { id: 'c1' } } });
      expect(requests[0]!.headers.get('authorization')).toBe(want);
      expect(requests[0]!.headers.get('accept')).toBe('application/json');
    });
  }

  it('a blank credential fails at construction, without the value', () => {
    const make = (apiKey: string | undefined) => () =>
      createApiClient<TestPaths>({ baseUrl: 'https://api.test', auth: bearerAuth(apiKey, 'Loops API key') });
    expect(make(undefined)).toThrow(MissingCredentialError);
    expect(make('   ')).toThrow('Loops API key is missing or blank');
  });

  it('a missing auth function fails at construction', () => {
    expect(() => createApiClient<TestPaths>({ baseUrl: 'https://api.test' } as never)).toThrow(TypeError);
  });

  it('default headers, extra middleware after the runtime steps, client.use()', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { id: 'c1' }));
    const order: string[] = [];
    const client = testClient(fetch, {
      headers: { 'X-Client': 'loop-api-clients' },
      middleware: [{ onRequest: ({ request }) => void order.push(`mine saw auth=${request.headers.has('authorization')}`) }],
    });
    client.use({ onRequest: () => void order.push('used later') });
    await client.GET('/contacts/{id}', { params: { path: { id: 'c1' } } });
    expect(requests[0]!.headers.get('x-client')).toBe('loop-api-clients');
    expect(order).toEqual(['mine saw auth=true', 'used later']);
  });

  it('uses globalThis.fetch when none is injected', async () => {
    const spy = vi.fn(async () => json(200, { id: 'c1' }));
    vi.stubGlobal('fetch', spy);
    const client = createApiClient<TestPaths>({ baseUrl: 'https://api.test', auth: bearerAuth(SECRET) });
    await client.GET('/contacts/{id}', { params: { path: { id: 'c1' } } });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('idempotency operations are typed against the paths', () => {
    const ok = () =>
      createApiClient<TestPaths>({ baseUrl: 'x', auth: bearerAuth(SECRET), idempotency: { operations: ['POST /events/send'] } });
    const bad = () =>
      createApiClient<TestPaths>({
        baseUrl: 'x',
        auth: bearerAuth(SECRET),
        // @ts-expect-error: there is no GET /events/send
        idempotency: { operations: ['GET /events/send'] },
      });
    expect(ok).not.toThrow();
    expect(bad).not.toThrow();
  });

  it('a custom idempotency header and generator', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { success: true }));
    const client = testClient(fetch, {
      idempotency: { operations: ['POST /events/send'], header: 'X-Idem', generate: () => 'fixed' },
    });
    await client.POST('/events/send', { body: { eventName: 'e' } });
    expect(requests[0]!.headers.get('x-idem')).toBe('fixed');
  });
});
