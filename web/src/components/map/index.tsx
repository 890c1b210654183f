import { lazy, Suspense } from 'react';
import { ChunkBoundary } from '../ChunkBoundary';
import { Loading } from '../Loading';
import { BoundaryLegend, KelurahanPicker } from './parts';
import { useT } from '../../i18n';
import type { CityMapProps } from './types';

export type { AreaStyle, CityMapProps, KecamatanProps, KelurahanProps, LeafletNS, MapLayer, MapPoint } from './types';

// Leaflet (+ its CSS) is its own chunk: a page that shows a map pays for it only when the map renders.
const LazyCityMap = lazy(() => import('./CityMap'));

/** The shared city map (lazy). Reserves its height while loading so the page does not jump. */
export function CityMap(props: CityMapProps) {
  const t = useT();
  const height = props.height ?? 'clamp(260px, 72vw, 70vh)'; // = CityMap's DEFAULT_HEIGHT
  return (
    <ChunkBoundary fallback={<p className="notice notice-error">{t('map.errorTitle')}</p>}>
      <Suspense
        fallback={
          <div className="city-map">
            <div className="map-frame" style={{ height }}>
              <Loading label={t('map.loading')} minHeight={height} />
            </div>
            {!props.hidePicker && <KelurahanPicker groups={[]} value="" showHint />}
            {props.legend ?? <BoundaryLegend />}
          </div>
        }
      >
        <LazyCityMap {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}
