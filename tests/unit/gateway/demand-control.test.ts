import { readFileSync } from 'node:fs';
import { buildASTSchema, getOperationAST, parse } from 'graphql';
import { SUPERGRAPH_PATH } from '../../../scripts/lib/compose-supergraph';
import { readCostPolicy } from '../../../gateway/src/security/cost-policy';
import { DEFAULT_LIST_SIZE, estimateCost } from '../../../gateway/src/security/estimate-cost';
import { loadSupergraphFeatures } from '../../../gateway/src/security/supergraph-features';

const supergraph = loadSupergraphFeatures(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const policy = readCostPolicy(supergraph.document, supergraph.names);
const schema = buildASTSchema(supergraph.document, { assumeValidSDL: true });

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  return estimateCost(schema, policy, document, getOperationAST(document)!, variables);
}

describe('static cost from @cost and @listSize', () => {
  it('reads the directives composed into the supergraph', () => {
    expect(policy.listSizes.get('Query.posts')).toEqual({ slicingArguments: ['first'], sizedFields: ['edges'], requireOneSlicingArgument: false, assumedSize: undefined });
    expect(policy.listSizes.get('Experiment.variants')?.assumedSize).toBe(20);
    expect(policy.weights.get('Query.analyzeEmotions')).toBe(10);
  });

  it('counts objects as 1 and scalars as 0', () => {
    expect(cost('{ post(id: "x") { id hook body } }')).toBe(1);
    expect(cost('{ post(id: "x") { id persona { name } } }')).toBe(2);
  });

  it('sizes a connection by its slicing argument, applied to the sized field edges', () => {
    expect(cost('{ posts(first: 5) { edges { node { id persona { name } } } } }')).toBe(1 + 5 * 3);
    expect(cost('query($n: Int) { posts(first: $n) { edges { node { id } } } }', { n: 50 })).toBe(1 + 50 * 2);
  });

  it('uses the argument default when the slicing argument is omitted', () => {
    expect(cost('{ posts { edges { node { id } } } }')).toBe(1 + 20 * 2);
    expect(cost('{ personas { id } }')).toBe(100);
    expect(cost('{ personas(first: 3) { id } }')).toBe(3);
  });

  it('multiplies nested lists: the depth bomb of the issue costs 20 401 at two levels', () => {
    const bomb = '{ posts(first: 100) { edges { node { persona { posts(first: 100) { edges { node { id } } } } } } } }';
    expect(cost(bomb)).toBe(1 + 100 * (1 + 1 + 1 + (1 + 100 * 2)));
  });

  it('uses assumedSize for bounded lists and the default size for lists without @listSize', () => {
    expect(cost('{ experiment(id: "x") { variants { id } } }')).toBe(1 + 20);
    expect(DEFAULT_LIST_SIZE).toBe(10);
  });

  it('charges root mutation fields 10 and @cost weights as declared', () => {
    expect(cost('mutation { createPersona(input: { name: "a", emoji: "b", tone: "c" }) { id } }')).toBe(10);
    expect(cost('{ analyzeEmotions(text: "hi") { contentHash } }')).toBe(10);
    expect(cost('{ contentStats { posts } }')).toBe(5);
  });

  it('follows fragments and inline fragments', () => {
    expect(cost('{ posts(first: 2) { edges { ...E } } } fragment E on PostEdge { node { ... on Post { persona { id } } } }')).toBe(1 + 2 * 3);
  });

  it('ignores introspection fields', () => {
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});
