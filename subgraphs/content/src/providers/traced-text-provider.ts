import { SpanKind } from '@opentelemetry/api';
import { inSpan } from '../../../../lib/tracing';
import type { Completion, CompletionRequest, TextProvider } from './text-provider';

/**
 * Wraps a text provider so that each completion is a CLIENT span `chat <model>` with the
 * OpenTelemetry GenAI attributes (`gen_ai.operation.name`, `gen_ai.provider.name` = the
 * provider's name, `gen_ai.request.model`, and once answered `gen_ai.response.model`,
 * `gen_ai.usage.input_tokens` / `gen_ai.usage.output_tokens`) and the part written
 * (`threads_agent.post.part`: hook or body). A failure is recorded on the span and rethrown
 * unchanged. Without tracing the wrapper only forwards the call.
 */
export function traceTextProvider(provider: TextProvider): TextProvider {
  return {
    name: provider.name,
    complete(request: CompletionRequest): Promise<Completion> {
      const attributes = {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': provider.name,
        'gen_ai.request.model': request.model,
        'threads_agent.post.part': request.part,
      };
      return inSpan(`chat ${request.model}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        const completion = await provider.complete(request);
        span.setAttributes({
          'gen_ai.response.model': completion.model,
          'gen_ai.usage.input_tokens': completion.promptTokens,
          'gen_ai.usage.output_tokens': completion.completionTokens,
        });
        return completion;
      });
    },
  };
}
