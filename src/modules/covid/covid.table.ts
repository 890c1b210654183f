// Columns of the public tables per level: the JSON rows and the CSV download carry exactly these.
const FIGURES = ['new_cases', 'confirmed_cum', 'recovered_cum', 'deceased_cum'] as const;
const RT_ZONES = ['rt_hijau', 'rt_kuning', 'rt_oranye', 'rt_merah'] as const;

export const TABLE_COLUMNS = {
  kecamatan: ['code', 'name', 'active', 'population', 'per_10k', ...FIGURES, ...RT_ZONES],
  kelurahan: ['code', 'name', 'kecamatan', 'active', ...FIGURES, ...RT_ZONES],
  rw: ['code', 'name', 'kelurahan', 'active', ...FIGURES, 'zone', ...RT_ZONES],
} as const;
