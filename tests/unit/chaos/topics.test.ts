import { chaosTopic } from '../../../chaos/lib/topics';
import { offlineGuardReasons } from '../../../subgraphs/content/src/domain/guardrail';

describe('chaos topics', () => {
  const topics = Array.from({ length: 10_000 }, (_, i) => chaosTopic(i));

  it('are distinct and the same for the same index', () => {
    expect(new Set(topics).size).toBe(topics.length);
    expect(chaosTopic(717)).toBe(topics[717]);
  });

  it('never trip the offline guardrail, so no job of a run ends BLOCKED (digits read as letters did: "717" as "tit")', () => {
    expect(topics.filter((topic) => offlineGuardReasons(topic, 'topic').length > 0)).toEqual([]);
  });
});
