import { lazy, Suspense } from 'react';
import { ChunkBoundary } from '../ChunkBoundary';
import { Loading } from '../Loading';
import { useLang, useT } from '../../i18n';
import type { ChartProps } from './types';

export type { ChartProps } from './types';
export type { ChartOption } from './Chart';

// ECharts is its own chunk, loaded when a chart first renders.
const LazyChart = lazy(() => import('./Chart'));

/** The shared chart (lazy ECharts). Reserves its height while loading. */
export function Chart(props: ChartProps) {
  const t = useT();
  const { lang } = useLang();
  const height = props.height ?? '320px';
  return (
    <ChunkBoundary fallback={<p className="notice notice-error">{t('chart.errorTitle')}</p>}>
      <Suspense fallback={<Loading label={t('chart.loading')} minHeight={height} />}>
        <LazyChart locale={lang} {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}
