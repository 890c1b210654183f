import { useEffect, useState } from 'react';
import { loadBoundaries } from '../../../components/map/geojson';

let names: Promise<Map<string, string>> | null = null;

/** Kelurahan code → name (from the boundaries the maps load anyway; one request per page load). */
export function useKelurahanNames(): Map<string, string> {
  const [m, setM] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    names ??= loadBoundaries().then(([, kel]) => new Map(kel.features.map((f) => [f.properties.code, f.properties.name])));
    names.then(setM, () => {
      names = null; // codes are shown instead; a later mount tries again
    });
  }, []);
  return m;
}
