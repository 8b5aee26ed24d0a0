import { GATEWAY_CREDENTIAL_HEADER, verifyGatewayCredential } from '../../../lib/auth';
import { createSubgraphHeaders } from '../../../gateway/src/security/subgraph-credentials';

const SECRET = 'subgraph-secret-for-a-unit-test-32+chars';

describe('createSubgraphHeaders', () => {
  const headers = createSubgraphHeaders(SECRET);
  const context = {
    principal: { sub: 'alice', scopes: new Set(['content:write']) },
    requestId: 'req-1',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };

  it('forwards x-request-id and traceparent', async () => {
    const sent = await headers('content', context);
    expect(sent['x-request-id']).toBe('req-1');
    expect(sent.traceparent).toBe(context.traceparent);
  });

  it('signs a credential for that subgraph carrying the caller', async () => {
    const sent = await headers('content', context);
    const caller = await verifyGatewayCredential(SECRET, 'content', sent[GATEWAY_CREDENTIAL_HEADER]);
    expect(caller.sub).toBe('alice');
    expect([...caller.scopes]).toEqual(['content:write']);
    await expect(verifyGatewayCredential(SECRET, 'emotion', sent[GATEWAY_CREDENTIAL_HEADER])).rejects.toThrow(/aud/);
  });

  it('reuses a fresh credential and signs another per caller', async () => {
    const one = (await headers('content', context))[GATEWAY_CREDENTIAL_HEADER];
    const again = (await headers('content', context))[GATEWAY_CREDENTIAL_HEADER];
    const bob = (await headers('content', { ...context, principal: { sub: 'bob', scopes: new Set<string>() } }))[GATEWAY_CREDENTIAL_HEADER];
    expect(again).toBe(one);
    expect(bob).not.toBe(one);
  });

  it('sends no credential without a principal', async () => {
    expect(await headers('content', { requestId: 'x' })).toEqual({ 'x-request-id': 'x' });
  });
});
