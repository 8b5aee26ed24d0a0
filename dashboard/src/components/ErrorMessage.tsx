import type { CombinedError } from 'urql';
import { readableErrors } from '../api/errors';

/** An API error as readable messages with their codes (an alert, announced to screen readers). */
export function ErrorMessage({ error }: { error: CombinedError | undefined }) {
  if (!error) return null;
  return (
    <div role="alert" className="error">
      {readableErrors(error).map((e, i) => (
        <p key={i}>
          <code>{e.code}</code> {e.message}
        </p>
      ))}
    </div>
  );
}
