import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { count, usd } from '../format';
import type { AchievementMonth } from './timeline-chart-data';
import { timelineChartData } from './timeline-chart-data';

/**
 * The stats timeline: achievements per month as a bar chart (an image with a name), and the same
 * numbers with the month's business value as a table behind a disclosure.
 */
export function AchievementTimeline({ timeline }: { timeline: readonly AchievementMonth[] }) {
  const captionId = useId();
  const points = timelineChartData(timeline);
  if (points.length === 0) return <p>No achievements to chart yet.</p>;
  const span = points.length === 1 ? points[0]!.label : `${points[0]!.label} to ${points[points.length - 1]!.label}`;
  return (
    <>
      <div className="chart">
        <BarChart responsive style={{ width: '100%', height: '100%' }} data={points} role="img" aria-label={`Achievements per month, ${span}`} accessibilityLayer={false} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="count" name="Achievements" fill="#1f5fbf" maxBarSize={64} isAnimationActive={false} />
        </BarChart>
      </div>
      <details className="table-alt">
        <summary>Achievements per month as a table</summary>
        <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table>
            <caption id={captionId}>Achievements per month</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Achievements</th>
                <th scope="col">Business value</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.month}>
                  <th scope="row">{point.label}</th>
                  <td>{count(point.count)}</td>
                  <td>{usd(point.businessValue, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
