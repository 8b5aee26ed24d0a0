import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TrajectoryChart } from './TrajectoryChart';

const none = { joy: 0, trust: 0, fear: 0, surprise: 0, sadness: 0, disgust: 0, anger: 0, anticipation: 0 };

describe('TrajectoryChart', () => {
  afterEach(cleanup);

  it('names the figure by its caption (type and dominant emotion) and gives the numbers as a table', () => {
    render(
      <TrajectoryChart
        trajectory={{
          trajectoryType: 'FALLING',
          dominantEmotion: 'SADNESS',
          segments: [
            { position: 0, sentimentCompound: 0.5, dominantEmotion: 'JOY', emotions: { ...none, joy: 0.5 } },
            { position: 1, sentimentCompound: -0.6, dominantEmotion: 'SADNESS', emotions: { ...none, sadness: 0.67, fear: 0.5 } },
          ],
        }}
      />,
    );
    const figure = screen.getByRole('figure', { name: /^Emotion trajectory FALLING trajectory over 2 segments; dominant emotion: sadness/ });
    const table = within(figure).getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[2]!).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['sadness', '-0.60', '0.00', '0.00', '0.50', '0.00', '0.67', '0.00', '0.00', '0.00']);
    expect(within(rows[0]!).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Segment', 'Dominant', 'Sentiment', 'Joy', 'Trust', 'Fear', 'Surprise', 'Sadness', 'Disgust', 'Anger', 'Anticipation']);
  });
});
