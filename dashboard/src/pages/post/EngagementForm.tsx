import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { percent } from '../../format';
import { graphql } from '../../gql';

const RecordEngagementMutation = graphql(`
  mutation PostRecordEngagement($postId: ID!, $input: EngagementInput!) {
    recordEngagement(postId: $postId, input: $input) {
      id engagementRate
      engagement { impressions likes replies reposts follows }
    }
  }
`);

/** The totals the form edits, in its field order. */
const FIELDS = [
  ['impressions', 'Impressions'],
  ['likes', 'Likes'],
  ['replies', 'Replies'],
  ['reposts', 'Reposts'],
  ['follows', 'Follows'],
] as const;

type Totals = Record<(typeof FIELDS)[number][0], number>;

/**
 * Records a post's cumulative engagement totals (`recordEngagement`: the totals so far, not
 * increments), starting from the totals it has; announces the new engagement rate
 * ((likes + replies + reposts) / impressions) once recorded.
 */
export function EngagementForm({ postId, current }: { postId: string; current: Partial<Totals> | null | undefined }) {
  const [values, setValues] = useState<Record<keyof Totals, string>>(() => {
    const initial = Object.fromEntries(FIELDS.map(([key]) => [key, String(current?.[key] ?? 0)]));
    return initial as Record<keyof Totals, string>;
  });
  const [result, record] = useMutation(RecordEngagementMutation);
  const [recordedRate, setRecordedRate] = useState<number | null | undefined>(undefined);
  const baseId = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input = Object.fromEntries(FIELDS.map(([key]) => [key, Number(values[key])])) as Totals;
    const response = await record({ postId, input });
    if (response.data) setRecordedRate(response.data.recordEngagement.engagementRate ?? null);
  }

  return (
    <form className="engagement" onSubmit={onSubmit} aria-label="Record engagement">
      <div className="engagement-fields">
        {FIELDS.map(([key, label]) => (
          <div className="field" key={key}>
            <label htmlFor={`${baseId}-${key}`}>{label}</label>
            <input
              id={`${baseId}-${key}`}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              required
              value={values[key]}
              onChange={(e) => setValues((previous) => ({ ...previous, [key]: e.target.value }))}
            />
          </div>
        ))}
      </div>
      <button type="submit" disabled={result.fetching}>
        Record engagement
      </button>
      <ErrorMessage error={result.error} />
      <p role="status" aria-live="polite" data-testid="recorded-rate">
        {recordedRate !== undefined ? `Recorded: engagement rate ${percent(recordedRate)}` : ''}
      </p>
    </form>
  );
}
