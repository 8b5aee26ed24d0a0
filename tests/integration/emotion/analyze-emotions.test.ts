import { countRows as countTableRows } from '../../support/database';
import { startEmotionContext } from './support';
import type { EmotionTestContext } from './support';

const ANALYZE = `query($text: String!) {
  analyzeEmotions(text: $text) {
    contentHash segmentCount trajectoryType dominantEmotion processingTimeMs peaks valleys
    emotions { joy sadness anger }
    sentiment { positive negative neutral compound }
    segments { position text sentimentCompound dominantEmotion emotions { joy sadness } }
    transitions { fromSegment toSegment fromEmotion toEmotion strength }
  }
}`;

interface AnalyzeResult {
  analyzeEmotions: {
    contentHash: string;
    segmentCount: number;
    trajectoryType: string;
    dominantEmotion: string | null;
    processingTimeMs: number;
    peaks: number[];
    valleys: number[];
    emotions: { joy: number; sadness: number; anger: number };
    sentiment: { compound: number };
    segments: Array<{ position: number; text: string; dominantEmotion: string | null; emotions: { joy: number; sadness: number } }>;
    transitions: Array<{ fromSegment: number; toSegment: number; fromEmotion: string | null; toEmotion: string | null; strength: number }>;
  };
}

describe('analyzeEmotions over HTTP', () => {
  let ctx: EmotionTestContext;

  beforeAll(async () => {
    ctx = await startEmotionContext();
  });

  afterAll(async () => {
    await ctx?.stop();
  });

  const countRows = (table: string) => countTableRows(ctx.database.url, `emotion.${table}`);

  it('analyses a text and stores nothing', async () => {
    const text = 'I am so happy today! But now I am sad and alone.';
    const { data, errors } = await ctx.gql<AnalyzeResult>(ANALYZE, { text });
    expect(errors).toBeUndefined();
    const analysis = data?.analyzeEmotions;
    expect(analysis?.segmentCount).toBe(2);
    expect(analysis?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(analysis?.segments.map((s) => s.dominantEmotion)).toEqual(['JOY', 'SADNESS']);
    // The model's probabilities: the happy sentence is mostly joy, the sad one mostly sadness.
    expect(analysis?.segments[0]?.emotions.joy).toBeGreaterThan(0.5);
    expect(analysis?.segments[1]?.emotions.sadness).toBeGreaterThan(0.5);
    expect(analysis?.segments[1]?.emotions.joy).toBeLessThan(0.1);
    expect(analysis?.transitions).toEqual([{ fromSegment: 0, toSegment: 1, fromEmotion: 'JOY', toEmotion: 'SADNESS', strength: expect.any(Number) }]);
    expect(analysis?.trajectoryType).toBe('FALLING');
    expect(analysis?.processingTimeMs).toBeGreaterThanOrEqual(0);
    for (const table of ['emotion_trajectories', 'emotion_segments', 'emotion_transitions', 'emotion_trajectory_posts']) {
      expect(await countRows(table)).toBe(0);
    }
  });

  it('returns null as the dominant emotion of a neutral text', async () => {
    const { data } = await ctx.gql<AnalyzeResult>(ANALYZE, { text: 'The meeting is on Tuesday' });
    expect(data?.analyzeEmotions.dominantEmotion).toBeNull();
    expect(data?.analyzeEmotions.segments[0]?.dominantEmotion).toBeNull();
  });

  it('rejects an empty or blank text with BAD_USER_INPUT', async () => {
    for (const text of ['', '   \n ']) {
      const { data, errors } = await ctx.gql<AnalyzeResult>(ANALYZE, { text });
      expect(data).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('accepts 10 000 characters and rejects 10 001 with BAD_USER_INPUT', async () => {
    const ok = await ctx.gql<AnalyzeResult>(ANALYZE, { text: 'a'.repeat(10_000) });
    expect(ok.errors).toBeUndefined();
    const tooLong = await ctx.gql<AnalyzeResult>(ANALYZE, { text: 'a'.repeat(10_001) });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects malformed ids with BAD_USER_INPUT and returns null for an unknown post', async () => {
    const bad = await ctx.gql('query { emotionTrajectory(postId: "not-a-uuid") { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badPersona = await ctx.gql('query { emotionSummary(personaId: "42") { trajectoryCount } }');
    expect(badPersona.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await ctx.gql<{ emotionTrajectory: null }>('query { emotionTrajectory(postId: "7b0c1a53-9d55-4c1f-a7f4-25a1b8f9f6aa") { id } }',
    );
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.emotionTrajectory).toBeNull();
  });

  it('summarises a persona without posts as empty', async () => {
    const { data } = await ctx.gql<{ emotionSummary: unknown }>(`query { emotionSummary(personaId: "7b0c1a53-9d55-4c1f-a7f4-25a1b8f9f6aa") {
        personaId trajectoryCount averageEmotions { joy } averageCompound trajectoryTypes { type count } } }`,
    );
    expect(data?.emotionSummary).toEqual({
      personaId: '7b0c1a53-9d55-4c1f-a7f4-25a1b8f9f6aa',
      trajectoryCount: 0,
      averageEmotions: null,
      averageCompound: null,
      trajectoryTypes: [
        { type: 'RISING', count: 0 },
        { type: 'FALLING', count: 0 },
        { type: 'STABLE', count: 0 },
        { type: 'VOLATILE', count: 0 },
      ],
    });
  });
});
