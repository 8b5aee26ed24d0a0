import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, validate } from 'graphql';
import { supergraphApiSchema } from '../../scripts/lib/api-schema';
import { REPOSITORY_ROOT } from '../../scripts/lib/paths';

const readme = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('the README\'s GraphQL examples', () => {
  const apiSchema = supergraphApiSchema();

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
