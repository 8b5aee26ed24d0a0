import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH, composeSupergraph } from '../../../scripts/lib/compose-supergraph';

describe('schema/supergraph.graphql', () => {
  it('is what composing the current subgraph SDLs gives (run `npm run compose` when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph());
  });

  it('declares the subscription fields the gateway bridges', () => {
    const supergraph = composeSupergraph();
    for (const field of ['generationJobUpdated(', 'postCreated(', 'experimentUpdated(', 'achievementCreated(']) {
      expect(supergraph).toContain(field);
    }
  });
});
