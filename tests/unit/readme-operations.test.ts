import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, validate } from 'graphql';
import { GATEWAY_SUPPORTED_FEATURES } from '../../gateway/src/security/supergraph-features';
import { SUPERGRAPH_PATH } from '../../scripts/lib/compose-supergraph';
import { REPOSITORY_ROOT } from '../../scripts/lib/paths';

const readme = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('the README\'s GraphQL examples', () => {
  const apiSchema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8'), { supportedFeatures: new Set(GATEWAY_SUPPORTED_FEATURES) })
    .apiSchema()
    .toGraphQLJSSchema();

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it.each(blocks.map((block) => [block.split('\n')[0], block]))('%s: one named operation, valid against the supergraph', (_title, block) => {
    const document = parse(block);
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations).toHaveLength(1);
    expect(operations[0]!.name?.value).toBeTruthy();
    expect(validate(apiSchema, document).map((e) => e.message)).toEqual([]);
  });
});
