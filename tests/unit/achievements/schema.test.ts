import { composeServices } from '@apollo/composition';
import { loadSchemaFile } from '../../../lib/graphql';
import { ACHIEVEMENTS_SCHEMA_PATH } from '../../../subgraphs/achievements/src/server';

describe('achievements schema.graphql', () => {
  it('composes alone into a supergraph with the Achievement entity and the achievementCreated subscription', () => {
    const result = composeServices([{ name: 'achievements', typeDefs: loadSchemaFile(ACHIEVEMENTS_SCHEMA_PATH), url: 'http://127.0.0.1:4002/graphql' }]);
    expect(result.errors).toBeUndefined();
    expect(result.supergraphSdl).toMatch(/type Achievement\s+@join__type\(graph: ACHIEVEMENTS, key: "id"\)/);
    expect(result.supergraphSdl).toContain('achievementCreated(since: DateTime): Achievement!');
  });
});
