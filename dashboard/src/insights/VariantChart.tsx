import { Bar, BarChart, CartesianGrid, ErrorBar, Rectangle, Tooltip, XAxis, YAxis } from 'recharts';
import type { VariantRates } from './variant-chart-data';
import { rateAxisMaxPercent, variantChartData } from './variant-chart-data';

const percentText = (value: number): string => `${value.toFixed(1)} %`;

/**
 * Bar chart of the variants' success rates with their credible intervals as error bars (an image
 * named `label`; the variants table next to it carries the same numbers for screen readers).
 */
export function VariantChart({ variants, label }: { variants: readonly VariantRates[]; label: string }) {
  const bars = variantChartData(variants);
  return (
    <div className="chart">
      <BarChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={bars}
        role="img"
        aria-label={label}
        accessibilityLayer={false}
        margin={{ top: 10, right: 10, bottom: 0, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
        <YAxis domain={[0, rateAxisMaxPercent(bars)]} unit=" %" width={56} tick={{ fontSize: 12 }} />
        <Tooltip
          formatter={(_value, _name, item) => {
            const bar = item.payload as (typeof bars)[number];
            return [`${percentText(bar.rate)} (credible interval ${percentText(bar.lower)} – ${percentText(bar.upper)})`, 'Success rate'];
          }}
        />
        {/* A shape of its own keeps a bar of rate 0 (no impressions yet), so its whisker is still drawn. */}
        <Bar dataKey="rate" name="Success rate" fill="#1f5fbf" maxBarSize={96} isAnimationActive={false} shape={(props) => <Rectangle {...props} />}>
          <ErrorBar dataKey="error" width={10} stroke="#1d2330" strokeWidth={1.5} isAnimationActive={false} />
        </Bar>
      </BarChart>
    </div>
  );
}
