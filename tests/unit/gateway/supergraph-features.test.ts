import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { SUPERGRAPH_PATH } from '../../../scripts/lib/compose-supergraph';
import { readAccessPolicy, scopesSatisfy } from '../../../gateway/src/security/access-policy';
import { UnsupportedSupergraphError, loadSupergraphFeatures } from '../../../gateway/src/security/supergraph-features';

const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');

/** Loads a supergraph into a bare `@apollo/gateway`, as `npm start` would, and reports the error. */
async function gatewayLoadError(supergraphSdl: string): Promise<string | null> {
  const gateway = new ApolloGateway({ supergraphSdl });
  try {
    await gateway.load();
    await gateway.stop();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('the supergraph security features', () => {
  it('reads @authenticated and @requiresScopes per coordinate', () => {
    const loaded = loadSupergraphFeatures(sdl);
    const policy = readAccessPolicy(loaded.document, loaded.names);
    expect(policy.get('Mutation.createPersona')).toEqual({ authenticated: true, scopes: [['admin']] });
    expect(policy.get('Mutation.generatePost')).toEqual({ authenticated: true, scopes: [['content:write'], ['admin']] });
    expect(policy.get('Mutation.createExperiment')?.scopes).toEqual([['experiments:write'], ['admin']]);
    expect(policy.get('Mutation.recordVariantPerformance')?.scopes).toEqual([['experiments:write'], ['admin']]);
    expect(policy.get('Mutation.deleteAchievement')?.scopes).toEqual([['achievements:write'], ['admin']]);
    expect(policy.get('Query.posts')).toEqual({ authenticated: true, scopes: [] });
    expect(policy.get('Subscription.generationJobUpdated')).toEqual({ authenticated: true, scopes: [] });
  });

  it('grants a requirement when every scope of one alternative is held', () => {
    const requirement = { authenticated: true, scopes: [['content:write'], ['admin']] };
    expect(scopesSatisfy(requirement, new Set(['content:write']))).toBe(true);
    expect(scopesSatisfy(requirement, new Set(['admin']))).toBe(true);
    expect(scopesSatisfy(requirement, new Set(['experiments:write']))).toBe(false);
    expect(scopesSatisfy({ authenticated: true, scopes: [] }, new Set())).toBe(true);
  });

  it('hands @apollo/gateway a supergraph it loads, without the auth features', async () => {
    const { executableSdl } = loadSupergraphFeatures(sdl);
    expect(executableSdl).not.toContain('requiresScopes');
    expect(executableSdl).not.toContain('@authenticated');
    expect(executableSdl).toContain('@listSize');
    expect(await gatewayLoadError(executableSdl)).toBeNull();
  });

  it('is needed: @apollo/gateway refuses the full supergraph with its SECURITY features', async () => {
    expect(await gatewayLoadError(sdl)).toMatch(/authenticated|requiresScopes/);
  });

  it('refuses a SECURITY feature nothing enforces, so the gateway does not start', async () => {
    const withPolicy = sdl.replace(
      '@link(url: "https://specs.apollo.dev/cost/v0.1"',
      '@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)\n  @link(url: "https://specs.apollo.dev/cost/v0.1"',
    );
    expect(withPolicy).not.toBe(sdl);
    expect(() => loadSupergraphFeatures(withPolicy)).toThrow(UnsupportedSupergraphError);
    expect(() => loadSupergraphFeatures(withPolicy)).toThrow(/policy/);
    expect(await gatewayLoadError(loadSupergraphFeatures(sdl).executableSdl.replace('@link(url: "https://specs.apollo.dev/cost/v0.1"', '@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)\n  @link(url: "https://specs.apollo.dev/cost/v0.1"'))).toMatch(/policy/);
  });
});
