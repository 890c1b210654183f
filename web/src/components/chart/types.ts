import type { ChartOption } from './Chart';

export interface ChartProps {
  /** An ECharts option (bar, line and pie series; grid, tooltip, legend, title, dataset, markLine). */
  option: ChartOption;
  height?: string;
  /** What the chart shows, for screen readers. */
  ariaLabel?: string;
  /** Animations are off by default (calmer, faster on phones, stable screenshots). */
  animation?: boolean;
  onClick?: (p: { name: string; value: unknown; seriesName?: string }) => void;
  /** Re-creates the chart when the language changes. */
  locale?: string;
}
