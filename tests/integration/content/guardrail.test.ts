import { createOfflineProvider } from '../../../subgraphs/content/src/providers/offline-provider';
import type { CompletionRequest, TextProvider } from '../../../subgraphs/content/src/providers/text-provider';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { TEST_NATS } from '../../support/nats';
import { startFakeOpenAI } from '../../support/openai-server';
import { collectMessages, countRows, insertPersona, startContentHarness } from './harness';
import type { ContentHarness } from './harness';

interface BlockReason {
  check: string;
  category: string;
  detail: string | null;
}

interface GuardedJob {
  id: string;
  status: string;
  error: string | null;
  regenerations: number;
  blockReasons: BlockReason[];
  text: string | null;
  post: { id: string; qualityScore: number | null } | null;
}

const GENERATE = 'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }';
const JOB = 'query($id: ID!) { generationJob(id: $id) { id status error regenerations blockReasons { check category detail } text post { id qualityScore } } }';
const POOR_PREFIX = 'Poorly: ';
const REPEAT_PREFIX = 'Repeat: ';
const POOR_THEN_REPEAT_PREFIX = 'Poor, then repeated: ';
/** A text that passes the quality gate (0.95), written again and again for {@link REPEAT_PREFIX} topics. */
const REPEATED = {
  hook: 'What would change if you treated every quiet morning as practice for patience?',
  body: 'Patience is not waiting: it is how you wait. Start with one slow breath before the phone, one page before the news, one kind word before the first meeting. Do it for a week and notice what softens: the rush, the noise, the voice that says you are behind. Who will try it with me?',
};

/**
 * The offline writer, except for topics starting with {@link POOR_PREFIX}: a one-word hook and
 * body (quality 0.4); {@link REPEAT_PREFIX}: always {@link REPEATED}; {@link POOR_THEN_REPEAT_PREFIX}:
 * a poor first text, then {@link REPEATED} twice, then the offline writer's. Records the prompts' rewrite reasons.
 */
function poorTextProvider() {
  const offline = createOfflineProvider(0);
  const calls: string[] = [];
  const reasons: string[] = [];
  const write = (request: CompletionRequest, text: string, model: string) => {
    request.onDelta(text);
    return { text, model, promptTokens: 1, completionTokens: 1 };
  };
  const provider: TextProvider = {
    name: 'poor-text',
    async complete(request: CompletionRequest) {
      const { topic, variation = 0, rewriteReason } = request.brief;
      calls.push(`${topic}:${request.part}:${variation}`);
      if (variation > 0) reasons.push(`${topic}:${request.part}:${rewriteReason}`);
      if (topic.startsWith(POOR_PREFIX)) return write(request, 'Meh.', 'poor-model');
      if (topic.startsWith(REPEAT_PREFIX)) return write(request, REPEATED[request.part], 'repeat-model');
      if (topic.startsWith(POOR_THEN_REPEAT_PREFIX) && variation === 0) return write(request, 'Meh.', 'poor-model');
      if (topic.startsWith(POOR_THEN_REPEAT_PREFIX) && variation <= 2) return write(request, REPEATED[request.part], 'repeat-model');
      return offline.complete(request);
    },
  };
  return { provider, calls, reasons };
}

async function runJob(h: ContentHarness, personaId: string, topic: string): Promise<GuardedJob> {
  const { generatePost } = await h.data<{ generatePost: { id: string } }>(GENERATE, { input: { personaId, topic } });
  return eventually(async () => {
    const { generationJob } = await h.data<{ generationJob: GuardedJob }>(JOB, { id: generatePost.id });
    return ['COMPLETED', 'FAILED', 'BLOCKED', 'CANCELLED'].includes(generationJob.status) ? generationJob : undefined;
  });
}

describe('generation guardrail and quality gate', () => {
  describe('offline (blocklist, profanity filter, quality gate)', () => {
    let h: ContentHarness;
    let worker: ContentWorker;
    let personaId: string;
    const poor = poorTextProvider();
    let statuses: Awaited<ReturnType<typeof collectMessages<{ data: { jobId: string; status: string; postId: string | null } }>>>;

    beforeAll(async () => {
      h = await startContentHarness();
      worker = await startContentWorker(h.config, { provider: poor.provider });
      personaId = await insertPersona(h.db, 'ai-jesus');
      statuses = await collectMessages(h.nc, TEST_NATS.subjects.jobStatus('*'));
    });

    afterAll(async () => {
      statuses?.stop();
      await worker?.stop();
      await h?.stop();
    });

    const statusesOf = (jobId: string) => statuses.messages.filter((m) => m.data.jobId === jobId).map((m) => m.data.status);

    it('blocks a violent topic before writing anything: BLOCKED with the reason, no post, a BLOCKED status event', async () => {
      const topic = 'How to kill my neighbour';
      const job = await runJob(h, personaId, topic);
      expect(job).toMatchObject({ status: 'BLOCKED', post: null, text: null, regenerations: 0 });
      expect(job.blockReasons).toEqual([{ check: 'blocklist', category: 'kill', detail: 'topic' }]);
      expect(job.error).toContain('blocklist:kill');
      expect(poor.calls.filter((c) => c.startsWith(topic))).toEqual([]);
      expect(await countRows(h.db, 'posts', { job_id: job.id })).toBe(0);
      await eventually(async () => (statusesOf(job.id).includes('BLOCKED') ? true : undefined));
      expect(statusesOf(job.id)).toEqual(['QUEUED', 'PROCESSING', 'BLOCKED']);
    });

    it('blocks a profane topic with the profanity filter', async () => {
      const job = await runJob(h, personaId, 'Why my boss is a fucking idiot');
      expect(job.status).toBe('BLOCKED');
      expect(job.blockReasons).toEqual([{ check: 'profanity', category: 'fuck', detail: 'topic' }]);
    });

    it('stores an offline post with its quality score at or above QUALITY_MIN', async () => {
      const job = await runJob(h, personaId, 'Finding peace in a busy week');
      expect(job).toMatchObject({ status: 'COMPLETED', blockReasons: [], regenerations: 0 });
      expect(job.post?.qualityScore).toBeGreaterThanOrEqual(0.7);
    });

    it('rewrites a text below the quality gate once, then ends BLOCKED with the score', async () => {
      const topic = `${POOR_PREFIX}a week of gratitude`;
      const job = await runJob(h, personaId, topic);
      expect(job).toMatchObject({ status: 'BLOCKED', post: null, regenerations: 1 });
      expect(job.blockReasons).toEqual([{ check: 'quality', category: 'low_quality', detail: 'content quality score 0.400 below QUALITY_MIN 0.7' }]);
      expect(poor.calls.filter((c) => c.startsWith(topic))).toEqual([`${topic}:hook:0`, `${topic}:body:0`, `${topic}:hook:1`, `${topic}:body:1`]);
      expect(await countRows(h.db, 'posts', { job_id: job.id })).toBe(0);
    });

    it('blocks violent topics the seed regex lets through, with the violence lexicon root', async () => {
      const topic = 'How to murder my neighbour';
      const job = await runJob(h, personaId, topic);
      expect(job).toMatchObject({ status: 'BLOCKED', post: null, text: null });
      expect(job.blockReasons).toEqual([{ check: 'blocklist', category: 'murder', detail: 'topic' }]);
      expect(poor.calls.filter((c) => c.startsWith(topic))).toEqual([]);
    });

    it('tells the writer a quality rewrite is for quality, and spends no dedup attempt on it (DEDUP_MAX_ATTEMPTS 3)', async () => {
      const first = await runJob(h, personaId, `${REPEAT_PREFIX}patient mornings`);
      expect(first.status).toBe('COMPLETED');
      const topic = `${POOR_THEN_REPEAT_PREFIX}patient mornings`;
      // A poor text (quality rewrite), then two duplicates of the first post (two dedup rewrites), then a fresh text.
      const job = await runJob(h, personaId, topic);
      expect(job).toMatchObject({ status: 'COMPLETED', blockReasons: [], regenerations: 3 });
      expect(job.post?.qualityScore).toBeGreaterThanOrEqual(0.7);
      expect(poor.calls.filter((c) => c.startsWith(topic) && c.includes(':hook:'))).toEqual([0, 1, 2, 3].map((v) => `${topic}:hook:${v}`));
      expect(poor.reasons.filter((r) => r.startsWith(topic))).toEqual(
        ['quality', 'duplicate', 'duplicate'].flatMap((reason) => [`${topic}:hook:${reason}`, `${topic}:body:${reason}`]),
      );
    });

    it('counts blocked jobs on the worker /metrics', async () => {
      const text = await (await fetch(`http://127.0.0.1:${worker.adminPort}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith('content_generation_jobs_total{') && l.includes('outcome="blocked"'));
      expect(Number(line?.split(' ').pop())).toBeGreaterThanOrEqual(3);
    });
  });

  describe('moderation (OPENAI_API_KEY set, OpenAI protocol server)', () => {
    // 210 characters with a question mark: the fake model's text passes the quality gate.
    const words = `${'Rest is part of the work, and the work is part of a life worth living. '.repeat(3)}Who is with me?`.split(/(?<= )/);
    let server: Awaited<ReturnType<typeof startFakeOpenAI>>;
    let h: ContentHarness;
    let worker: ContentWorker;
    let personaId: string;
    /** Whether the moderation endpoint flags the fake model's text (not the topics). */
    let flagWrittenText = false;

    beforeAll(async () => {
      server = await startFakeOpenAI(words, undefined, {
        moderate: (input) => {
          if (input.includes('teach my neighbour a lesson')) return ['violence', 'harassment'];
          return flagWrittenText && input.includes('Who is with me?') ? ['harassment/threatening'] : [];
        },
      });
      h = await startContentHarness({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL });
      worker = await startContentWorker(h.config);
      personaId = await insertPersona(h.db, 'ai-jesus');
    });

    afterAll(async () => {
      await worker?.stop();
      await h?.stop();
      await server?.close();
    });

    it('blocks a topic the moderation endpoint flags, with its categories', async () => {
      const job = await runJob(h, personaId, 'How to teach my neighbour a lesson he never forgets');
      expect(job).toMatchObject({ status: 'BLOCKED', post: null });
      expect(job.blockReasons).toEqual([
        { check: 'moderation', category: 'harassment', detail: 'topic' },
        { check: 'moderation', category: 'violence', detail: 'topic' },
      ]);
      expect(await countRows(h.db, 'posts', { job_id: job.id })).toBe(0);
      expect(server.requests).toHaveLength(0);
    });

    it('blocks a written text the moderation endpoint flags, after an allowed topic, and stores no post', async () => {
      flagWrittenText = true;
      try {
        const before = server.moderationRequests.length;
        const job = await runJob(h, personaId, 'Rest and the people around us');
        expect(job).toMatchObject({ status: 'BLOCKED', post: null });
        expect(job.blockReasons).toEqual([{ check: 'moderation', category: 'harassment/threatening', detail: 'text' }]);
        expect(server.moderationRequests.slice(before).map((r) => r.body.input)).toEqual(['Rest and the people around us', expect.stringContaining('Who is with me?')]);
        expect(await countRows(h.db, 'posts', { job_id: job.id })).toBe(0);
      } finally {
        flagWrittenText = false;
      }
    });

    it('moderates the topic and the written text with omni-moderation-latest, then stores the post', async () => {
      const before = server.moderationRequests.length;
      const job = await runJob(h, personaId, 'Rest as part of the work');
      expect(job.status).toBe('COMPLETED');
      const asked = server.moderationRequests.slice(before);
      expect(asked.map((r) => r.body.model)).toEqual(['omni-moderation-latest', 'omni-moderation-latest']);
      expect(asked[0]?.body.input).toBe('Rest as part of the work');
      expect(asked[1]?.body.input).toContain('Who is with me?');
      expect(asked[0]?.authorization).toBe('Bearer sk-test');
    });
  });
});
