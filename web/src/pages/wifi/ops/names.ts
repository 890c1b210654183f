import { useEffect, useState } from 'react';
import { loadBoundaries } from '../../../components/map/geojson';

let names: Promise<Map<string, string>> | null = null;

/** Kelurahan code → name, "Curug (Bojongsari)" for a repeated name (from the boundaries the maps load anyway; one request per page load). */
export function useKelurahanNames(): Map<string, string> {
  const [m, setM] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    names ??= loadBoundaries().then(([, kel]) => {
      // Two kelurahan are called Curug: a repeated name carries its kecamatan.
      const props = kel.features.map((f) => f.properties);
      const count = new Map<string, number>();
      for (const p of props) count.set(p.name, (count.get(p.name) ?? 0) + 1);
      return new Map(props.map((p) => [p.code, (count.get(p.name) ?? 0) > 1 ? `${p.name} (${p.kecamatan_name})` : p.name]));
    });
    names.then(setM, () => {
      names = null; // codes are shown instead; a later mount tries again
    });
  }, []);
  return m;
}
