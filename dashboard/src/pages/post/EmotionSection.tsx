import { TrajectoryChart } from '../../components/TrajectoryChart';
import type { PostDetailQuery } from '../../gql/graphql';
import { emotionName } from '../../live/trajectory-data';

type Trajectory = NonNullable<NonNullable<PostDetailQuery['post']>['emotionTrajectory']>;

const signed = (value: number) => (value > 0 ? `+${value.toFixed(2)}` : value.toFixed(2));

/** 1-based segment numbers as text (`2, 5`), or `none`. */
const segmentList = (positions: readonly number[]) => (positions.length > 0 ? positions.map((p) => p + 1).join(', ') : 'none');

/**
 * A post's emotion trajectory: the line chart of the eight emotions over its segments, the
 * whole text's VADER sentiment (compound -1..1, proportions 0..1), the sentiment's peaks and
 * valleys, and the transitions between dominant emotions as a table.
 */
export function EmotionSection({ trajectory }: { trajectory: Trajectory | null | undefined }) {
  if (!trajectory) return <p className="muted">Not analysed yet: the emotion worker stores the trajectory shortly after the post.</p>;
  const { sentiment, transitions } = trajectory;
  return (
    <>
      <TrajectoryChart trajectory={trajectory} />
      <h3>Sentiment</h3>
      <dl className="facts" data-testid="sentiment">
        <dt>Compound</dt>
        <dd>{signed(sentiment.compound)}</dd>
        <dt>Positive / neutral / negative</dt>
        <dd>
          {sentiment.positive.toFixed(2)} / {sentiment.neutral.toFixed(2)} / {sentiment.negative.toFixed(2)}
        </dd>
        <dt>Peaks (segments)</dt>
        <dd>{segmentList(trajectory.peaks)}</dd>
        <dt>Valleys (segments)</dt>
        <dd>{segmentList(trajectory.valleys)}</dd>
      </dl>
      <h3 id="transitions-title">Transitions</h3>
      {transitions.length === 0 ? (
        <p className="muted">The dominant emotion never changes between segments.</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="transitions-title">
            <thead>
              <tr>
                <th scope="col">Segments</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Strength</th>
              </tr>
            </thead>
            <tbody>
              {transitions.map((transition) => (
                <tr key={`${transition.fromSegment}-${transition.toSegment}`}>
                  <td>
                    {transition.fromSegment + 1} → {transition.toSegment + 1}
                  </td>
                  <td>{emotionName(transition.fromEmotion)}</td>
                  <td>{emotionName(transition.toEmotion)}</td>
                  <td>{transition.strength.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
