import { createOpenAIProvider } from '../../../subgraphs/content/src/providers/openai-provider';
import type { GenerationBrief } from '../../../subgraphs/content/src/domain/prompt';
import { startFakeOpenAI } from '../../support/openai-server';

const brief: GenerationBrief = {
  persona: { name: 'ai-elon', emoji: '🚀', tone: 'hype', description: 'Bold takes on technology.' },
  topic: 'reusable rockets',
  dimensions: { hookStyle: 'question', length: 'short' },
};

describe('OpenAI text provider (real openai SDK against a local OpenAI-compatible server)', () => {
  it('streams the completion as deltas and reports the server usage', async () => {
    const server = await startFakeOpenAI(['What ', 'if ', 'rockets ', 'landed?']);
    try {
      const provider = createOpenAIProvider({ apiKey: 'sk-test', baseURL: server.baseURL, timeoutMs: 5000 });
      const deltas: string[] = [];
      const completion = await provider.complete({ brief, part: 'hook', model: 'gpt-4o', onDelta: (d) => deltas.push(d) });

      expect(deltas).toEqual(['What ', 'if ', 'rockets ', 'landed?']);
      expect(completion).toEqual({ text: 'What if rockets landed?', model: 'gpt-4o', promptTokens: 42, completionTokens: 7 });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]!.authorization).toBe('Bearer sk-test');
      expect(server.requests[0]!.body.stream).toBe(true);
      expect(server.requests[0]!.body.messages[0]!.content).toContain('ai-elon');
      expect(server.requests[0]!.body.messages[1]!.content).toContain('question hook');
    } finally {
      await server.close();
    }
  });

  it('writes the body after the hook it is given', async () => {
    const server = await startFakeOpenAI(['Landing ', 'is ', 'the ', 'future.']);
    try {
      const provider = createOpenAIProvider({ apiKey: 'sk-test', baseURL: server.baseURL, timeoutMs: 5000 });
      const completion = await provider.complete({ brief, part: 'body', hook: 'What if rockets landed?', model: 'gpt-4o-mini', onDelta: () => undefined });
      expect(completion.text).toBe('Landing is the future.');
      expect(server.requests[0]!.body.model).toBe('gpt-4o-mini');
      expect(server.requests[0]!.body.messages[1]!.content).toContain('What if rockets landed?');
    } finally {
      await server.close();
    }
  });

  it('fails with the SDK error when the server answers an error', async () => {
    const server = await startFakeOpenAI([]);
    try {
      const provider = createOpenAIProvider({ apiKey: 'sk-test', baseURL: `${server.baseURL}/missing`, timeoutMs: 5000 });
      await expect(provider.complete({ brief, part: 'hook', model: 'gpt-4o', onDelta: () => undefined })).rejects.toThrow(/404/);
    } finally {
      await server.close();
    }
  });
});
