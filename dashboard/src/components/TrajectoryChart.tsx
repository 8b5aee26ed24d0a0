import { useId, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { EMOTION_SERIES, trajectoryChartData, trajectorySummary } from '../live/trajectory-data';
import type { TrajectoryLike } from '../live/trajectory-data';

const score = (value: unknown) => (typeof value === 'number' ? value.toFixed(2) : String(value));

/**
 * An emotion trajectory as a figure: its type and dominant emotion in the caption (the figure's
 * accessible name), a line chart of the eight Plutchik emotions (0..1) over the text's segments
 * (recharts; keyboard-navigable tooltips), and the same numbers as a table behind a disclosure
 * for screen readers and anyone who prefers figures.
 *
 * Only lazily loaded pages import it, so recharts stays out of the first page's JavaScript.
 */
export function TrajectoryChart({ trajectory, title = 'Emotion trajectory' }: { trajectory: TrajectoryLike; title?: string }) {
  const data = useMemo(() => trajectoryChartData(trajectory.segments), [trajectory.segments]);
  const captionId = useId();
  const summary = trajectorySummary(trajectory);
  return (
    <figure className="trajectory" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <strong>{title}</strong> <span className="badge" aria-hidden="true" data-testid="trajectory-type">{trajectory.trajectoryType}</span> <span className="muted">{summary}</span>
      </figcaption>
      <div className="chart">
        <LineChart responsive style={{ width: '100%', height: '100%' }} data={data} margin={{ top: 8, right: 12, bottom: 8, left: 0 }} title={`${title}: ${summary}`}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d9dde5" />
          <XAxis dataKey="segment" tickLine={false} label={{ value: 'Segment', position: 'insideBottomRight', offset: -4 }} allowDecimals={false} />
          <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} width={48} />
          <Tooltip formatter={score} labelFormatter={(label) => `Segment ${String(label)}`} />
          <Legend itemSorter={null} />
          {EMOTION_SERIES.map((series) => (
            <Line key={series.key} type="monotone" dataKey={series.key} name={series.name} stroke={series.color} strokeDasharray={series.dash} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          ))}
        </LineChart>
      </div>
      <details>
        <summary>Scores by segment (table)</summary>
        <div className="table-wrap">
          <table>
            <caption className="muted">Emotion scores (0 to 1) and sentiment (-1 to 1) of each segment</caption>
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Dominant</th>
                <th scope="col">Sentiment</th>
                {EMOTION_SERIES.map((series) => (
                  <th scope="col" key={series.key}>
                    {series.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((point) => (
                <tr key={point.segment}>
                  <th scope="row">{point.segment}</th>
                  <td>{point.dominant}</td>
                  <td>{point.compound.toFixed(2)}</td>
                  {EMOTION_SERIES.map((series) => (
                    <td key={series.key}>{point[series.key].toFixed(2)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
