import type { z } from 'zod';
import { defineMessages, localized, m, render, type Msg, type Text } from '../../platform/i18n';
import { zodIssueText } from '../../platform/i18n.zod';

// Every text of the wifi module a person reads in an error (registry, CSV imports, telemetry
// rejections, operations queries), in English and Indonesian. The English is what the API said
// before the catalogs, so scripts and tests that match it keep working. NGSI-LD errors are not here:
// that interface is for machines and its error types are fixed by ETSI. Health reasons stored in the
// database ("tidak ada heartbeat ≥ 30 menit") are data, not messages.

export const wifiMessages = defineMessages('wifi', {
  // --- dto (zod) ---
  kelurahanCodeFormat: m(
    () => 'Use a kelurahan code, e.g. 32.76.01.1006',
    () => 'Tulis kode kelurahan seperti 32.76.01.1006',
  ),
  rwCodeFormat: m(
    () => 'Use an RW code, e.g. 32.76.01.1006/005',
    () => 'Tulis kode RW seperti 32.76.01.1006/005',
  ),
  dayFormat: m(
    () => 'Use a date YYYY-MM-DD',
    () => 'Tulis tanggal dengan format YYYY-MM-DD (tahun-bulan-tanggal)',
  ),
  monthFormat: m(
    () => 'Use a month YYYY-MM',
    () => 'Tulis bulan dengan format YYYY-MM (tahun-bulan)',
  ),

  // --- telemetry (per-item rejections and batch errors) ---
  itemMacInvalid: m<{ value: string }>(
    (p) => `"${p.value}" is not a MAC address (use aa:bb:cc:dd:ee:ff)`,
    (p) => `Alamat MAC tidak valid: "${p.value}"; gunakan format aa:bb:cc:dd:ee:ff`,
  ),
  counterNotNumber: m<{ name: string }>(
    (p) => `${p.name} must be a number`,
    (p) => `${p.name} harus berupa angka`,
  ),
  counterNotWhole: m<{ name: string }>(
    (p) => `${p.name} must be a whole number`,
    (p) => `${p.name} harus berupa bilangan bulat`,
  ),
  counterNegative: m<{ name: string }>(
    (p) => `${p.name} cannot be negative`,
    (p) => `${p.name} tidak boleh negatif`,
  ),
  clientsTooLarge: m(
    () => 'clients is implausibly large',
    () => 'Jumlah clients terlalu besar untuk masuk akal',
  ),
  tsFormat: m(
    () => 'ts must be an ISO 8601 time with offset or unix seconds',
    () => 'ts harus berupa waktu ISO 8601 beserta zona waktunya (offset) atau detik Unix',
  ),
  tsInFuture: m(
    () => 'ts is more than 5 minutes in the future; check the device clock',
    () => 'ts lebih dari 5 menit di masa depan; periksa jam perangkat',
  ),
  tsTooOld: m<{ days: number }>(
    (p) => `ts is older than the ${p.days}-day raw window; it would be pruned at once`,
    (p) => `ts lebih lama dari masa simpan data mentah (${p.days} hari); data ini akan langsung terhapus`,
  ),
  batchNotArray: m(
    () => 'The body must be a JSON array of heartbeats ([{mac, ts, clients, rx_bytes, tx_bytes, uptime_s}]).',
    () => 'Isi permintaan harus berupa array JSON berisi heartbeat ([{mac, ts, clients, rx_bytes, tx_bytes, uptime_s}]).',
  ),
  batchEmpty: m(
    () => 'The batch is empty; send at least one heartbeat.',
    () => 'Batch kosong; kirim minimal satu heartbeat.',
  ),
  batchTooLarge: m<{ max: number; count: number }>(
    (p) => `A batch holds at most ${p.max} heartbeats; this one has ${p.count}. Split it.`,
    (p) => `Satu batch berisi paling banyak ${p.max} heartbeat, sedangkan batch ini berisi ${p.count}. Bagi menjadi beberapa batch.`,
  ),
  allRejected: m<{ count: number }>(
    (p) => `All ${p.count} heartbeats were rejected; nothing was stored.`,
    (p) => `Seluruh ${p.count} heartbeat ditolak; tidak ada data yang disimpan.`,
  ),

  // --- health rules ---
  criticalNotLonger: m(
    () => 'no_heartbeat_critical_s must be longer than no_heartbeat_problem_s.',
    () => 'no_heartbeat_critical_s harus lebih lama daripada no_heartbeat_problem_s.',
  ),
  activeHoursOrder: m(
    () => 'active_to_hour must be after active_from_hour.',
    () => 'active_to_hour harus lebih akhir daripada active_from_hour.',
  ),

  // --- operations ---
  filterMacInvalid: m<{ value: string }>(
    (p) => `"${p.value}" is not a MAC address.`,
    (p) => `"${p.value}" bukan alamat MAC yang valid.`,
  ),
  alert: m<{ id: number }>(
    (p) => `Alert ${p.id}`,
    (p) => `Peringatan ${p.id}`,
  ),
  monthNotStarted: m<{ month: string }>(
    (p) => `${p.month} has not started yet.`,
    (p) => `Bulan ${p.month} belum dimulai.`,
  ),
  toBeforeFrom: m(
    () => '`to` must not be before `from`.',
    () => '`to` tidak boleh lebih awal daripada `from`.',
  ),
  rangeTooLong: m(
    () => 'Ask for at most 366 days at once.',
    () => 'Rentang paling panjang 366 hari untuk satu permintaan.',
  ),

  // --- registry ---
  hotspot: m<{ id: number }>(
    (p) => `Hotspot ${p.id}`,
    (p) => `Titik Wi-Fi ${p.id}`,
  ),
  accessPoint: m<{ mac: string }>(
    (p) => `Access point ${p.mac}`,
    (p) => `Titik akses (access point) ${p.mac}`,
  ),
  outsideCity: m<{ lat: number; lng: number }>(
    (p) => `The point ${p.lat}, ${p.lng} is outside Kota Depok.`,
    (p) => `Titik ${p.lat}, ${p.lng} berada di luar wilayah Kota Depok.`,
  ),
  pickInsideCity: m(
    () => 'Pick a point inside the city boundary.',
    () => 'Pilih titik di dalam batas wilayah kota.',
  ),
  kelurahanUnknown: m<{ code: string }>(
    (p) => `Unknown kelurahan ${p.code}.`,
    (p) => `Kelurahan ${p.code} tidak terdaftar.`,
  ),
  rwNotInKelurahan: m<{ rw: string; kelurahan: string }>(
    (p) => `RW ${p.rw} is not an RW of kelurahan ${p.kelurahan}.`,
    (p) => `RW ${p.rw} tidak termasuk wilayah Kelurahan ${p.kelurahan}.`,
  ),
  hotspotCodeExists: m<{ code: string }>(
    (p) => `A hotspot with code ${p.code} exists already.`,
    (p) => `Titik Wi-Fi dengan kode ${p.code} sudah ada.`,
  ),
  hotspotHasAps: m(
    () => 'This hotspot still has access points. Move or delete them first, or set status "decommissioned" to keep its history.',
    () =>
      'Titik Wi-Fi ini masih memiliki access point. Pindahkan atau hapus access point tersebut terlebih dahulu, atau ubah statusnya menjadi "decommissioned" agar riwayatnya tetap tersimpan.',
  ),
  macInvalid: m<{ value: string }>(
    (p) => `"${p.value}" is not a MAC address (use aa:bb:cc:dd:ee:ff).`,
    (p) => `Alamat MAC tidak valid: "${p.value}". Gunakan format aa:bb:cc:dd:ee:ff.`,
  ),
  hotspotMissing: m<{ id: number }>(
    (p) => `Hotspot ${p.id} does not exist.`,
    (p) => `Titik Wi-Fi ${p.id} tidak terdaftar.`,
  ),
  apMacExists: m<{ mac: string }>(
    (p) => `An access point with MAC ${p.mac} is registered already.`,
    (p) => `Access point dengan MAC ${p.mac} sudah terdaftar.`,
  ),

  // --- CSV import rows ---
  rowCodeTwice: m<{ code: string }>(
    (p) => `code ${p.code} appears more than once.`,
    (p) => `Kode ${p.code} muncul lebih dari sekali.`,
  ),
  rowHotspotCodeUnknown: m<{ code: string }>(
    (p) => `Unknown hotspot_code "${p.code}" (import the hotspots first).`,
    (p) => `hotspot_code "${p.code}" tidak terdaftar (impor titik Wi-Fi terlebih dahulu).`,
  ),
  rowMacInvalid: m<{ value: string }>(
    (p) => `"${p.value}" is not a MAC address.`,
    (p) => `"${p.value}" bukan alamat MAC yang valid.`,
  ),
  rowMacTwice: m<{ mac: string }>(
    (p) => `MAC ${p.mac} appears more than once.`,
    (p) => `MAC ${p.mac} muncul lebih dari sekali.`,
  ),
  // Appended to a row's zod message for the enum columns, so the operator sees the allowed values.
  hintOneOf: m<{ values: string }>(
    (p) => ` (one of ${p.values})`,
    (p) => ` (salah satu dari: ${p.values})`,
  ),
  hintEither: m<{ a: string; b: string }>(
    (p) => ` (${p.a} or ${p.b})`,
    (p) => ` (${p.a} atau ${p.b})`,
  ),
});

/** Two texts joined in every language (e.g. a field prefix and a message, or a message and a hint). */
export function joined(key: string, a: Text, b: Text): Msg {
  return localized(key, { en: `${render(a, 'en')}${render(b, 'en')}`, id: `${render(a, 'id')}${render(b, 'id')}` });
}

/**
 * A zod issue from a service's own safeParse (telemetry items, CSV rows) in every language, the same
 * way the error handler renders request validation. `root` is what was parsed (built-in messages
 * such as "received undefined" depend on the value at the issue's path). A custom issue may carry
 * its catalog message in `params.msg` when its English text holds the input (e.g. a bad MAC), which
 * zodMessage must not register (the registry of texts would grow with every bad value).
 */
export function zodIssueMsg(issue: z.core.$ZodIssue, root: unknown): Text {
  if (issue.code === 'custom' && isMsg(issue.params?.msg)) return issue.params.msg;
  let input: unknown = root;
  for (const seg of issue.path) {
    if (input === null || typeof input !== 'object') {
      input = undefined;
      break;
    }
    input = (input as Record<PropertyKey, unknown>)[seg];
  }
  const { code, message, path: _path, ...params } = issue as z.core.$ZodIssue & Record<string, unknown>;
  return zodIssueText({ keyword: code, message, params }, input);
}

function isMsg(v: unknown): v is Msg {
  return typeof v === 'object' && v !== null && 'key' in v && 'text' in v;
}
