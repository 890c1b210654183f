import { defineMessages, m } from '../../platform/i18n';

// Every text of the covid module a person reads in an error or warning, in English and Indonesian.
// The Indonesian follows how the Satgas Covid-19 Kota Depok writes to RW officers and puskesmas.

const STATUS_ID: Record<string, string> = { draft: 'draf', submitted: 'dikirim', verified: 'terverifikasi', declined: 'ditolak' };
const statusId = (s: string) => STATUS_ID[s] ?? s;
const LEVEL_ID: Record<string, string> = { kota: 'kota', kecamatan: 'kecamatan', kelurahan: 'kelurahan', rw: 'RW' };

export const covidMessages = defineMessages('covid', {
  // --- dto (zod) ---
  dateFormat: m(
    () => 'Use a date as YYYY-MM-DD',
    () => 'Tulis tanggal dengan format YYYY-MM-DD (tahun-bulan-tanggal)',
  ),
  dateNotReal: m(
    () => 'Not a real date',
    () => 'Tanggal ini tidak ada di kalender',
  ),
  rwCodeFormat: m(
    () => 'Use an RW code like 32.76.01.1006/005',
    () => 'Tulis kode RW seperti 32.76.01.1006/005',
  ),
  kelurahanCodeFormat: m(
    () => 'Use a kelurahan code like 32.76.01.1006',
    () => 'Tulis kode kelurahan seperti 32.76.01.1006',
  ),
  areaCodeFormat: m(
    () => 'Use a Kemendagri code: 32.76, 32.76.01, 32.76.01.1006 or 32.76.01.1006/005',
    () => 'Gunakan kode Kemendagri: 32.76, 32.76.01, 32.76.01.1006 atau 32.76.01.1006/005',
  ),
  countNotNumber: m(
    () => 'must be a number',
    () => 'harus berupa angka',
  ),
  countNotWhole: m(
    () => 'must be a whole number',
    () => 'harus bilangan bulat',
  ),
  countNegative: m(
    () => 'cannot be negative',
    () => 'tidak boleh negatif',
  ),
  countTooLarge: m(
    () => 'is implausibly large',
    () => 'terlalu besar untuk masuk akal',
  ),
  rtFormat: m(
    () => 'RT number like 003',
    () => 'Nomor RT seperti 003',
  ),
  reportIdFormat: m(
    () => 'Report ids are UUIDs',
    () => 'ID laporan berbentuk UUID',
  ),
  declineReason: m(
    () => 'Give a reason (at least 3 characters) so the petugas RW can fix the report',
    () => 'Tuliskan alasan (minimal 3 karakter) agar petugas RW dapat memperbaiki laporan',
  ),
  writeSomething: m(
    () => 'Write something',
    () => 'Tulis sesuatu terlebih dahulu',
  ),
  hideReason: m(
    () => 'Give a reason (at least 3 characters)',
    () => 'Tuliskan alasan (minimal 3 karakter)',
  ),

  // --- report checks (covid.reports.ts) ---
  dateInFuture: m<{ date: string; today: string }>(
    (p) => `The date ${p.date} is in the future (today in Depok is ${p.today}).`,
    (p) => `Tanggal ${p.date} belum terjadi (hari ini di Depok ${p.today}).`,
  ),
  dateBeforeFirstCase: m<{ date: string; first: string }>(
    (p) => `The date ${p.date} is before the first Covid-19 case in Depok (${p.first}).`,
    (p) => `Tanggal ${p.date} lebih awal dari kasus Covid-19 pertama di Depok (${p.first}).`,
  ),
  rwUnknown: m<{ rw: string }>(
    (p) => `RW ${p.rw} does not exist.`,
    (p) => `RW ${p.rw} tidak terdaftar.`,
  ),
  rtUnknown: m<{ rt: string; rw: string; rts: string }>(
    (p) => `RT ${p.rt} does not exist in RW ${p.rw} (its RTs: ${p.rts}).`,
    (p) => `RT ${p.rt} tidak ada di RW ${p.rw} (RT yang terdaftar: ${p.rts}).`,
  ),
  rtTwice: m<{ rt: string }>(
    (p) => `RT ${p.rt} appears more than once.`,
    (p) => `RT ${p.rt} tercantum lebih dari sekali.`,
  ),
  reportHasErrors: m(
    () => 'The report has errors; nothing was saved.',
    () => 'Laporan masih berisi kesalahan sehingga belum disimpan.',
  ),
  report: m<{ id: string }>(
    (p) => `Report ${p.id}`,
    (p) => `Laporan ${p.id}`,
  ),
  awaitsVerification: m<{ rw: string; date: string }>(
    (p) => `The report of ${p.rw} for ${p.date} is submitted and awaits verification; ask the puskesmas to decline it if it must change.`,
    (p) =>
      `Laporan RW ${p.rw} tanggal ${p.date} sudah dikirim dan menunggu verifikasi; bila perlu diubah, minta puskesmas menolaknya terlebih dahulu.`,
  ),
  onlyDraftEditable: m<{ status: string }>(
    (p) =>
      `Only draft or declined reports can be edited; this one is ${p.status}. Send a new version with POST /api/covid/reports to correct a verified report.`,
    (p) =>
      `Hanya laporan berstatus draf atau ditolak yang dapat diubah; laporan ini berstatus ${statusId(p.status)}. Untuk mengoreksi laporan yang sudah terverifikasi, kirim versi baru melalui POST /api/covid/reports.`,
  ),
  alreadyVerified: m(
    () => 'This report is already verified.',
    () => 'Laporan ini sudah terverifikasi.',
  ),
  changedMeanwhile: m(
    () => 'The report changed meanwhile; reload it.',
    () => 'Laporan ini baru saja berubah; muat ulang halaman, lalu coba lagi.',
  ),
  onlySubmittedVerify: m<{ status: string }>(
    (p) => `Only submitted reports can be verified; this one is ${p.status}.`,
    (p) => `Hanya laporan yang sudah dikirim yang dapat diverifikasi; laporan ini berstatus ${statusId(p.status)}.`,
  ),
  onlySubmittedDecline: m<{ status: string }>(
    (p) => `Only submitted reports can be declined; this one is ${p.status}.`,
    (p) => `Hanya laporan yang sudah dikirim yang dapat ditolak; laporan ini berstatus ${statusId(p.status)}.`,
  ),
  noScope: m(
    () => 'Your account has no area scope; ask an admin to set one.',
    () => 'Akun Anda belum memiliki wilayah tugas; minta admin untuk menetapkannya.',
  ),

  // --- plausibility warnings (covid.figures.ts); the report is still saved ---
  activeDrop: m<{ fell: number; rose: number }>(
    (p) => `Active confirmed cases fell by ${p.fell} but selesai + meninggal rose by only ${p.rose}; check the figures.`,
    (p) => `Kasus konfirmasi aktif turun ${p.fell}, tetapi selesai + meninggal hanya naik ${p.rose}; periksa kembali angkanya.`,
  ),
  runningTotalFell: m<{ field: string; from: number; to: number }>(
    (p) => `${p.field} fell from ${p.from} to ${p.to}; it is a running total.`,
    (p) => `${p.field} turun dari ${p.from} menjadi ${p.to}, padahal angka ini kumulatif.`,
  ),

  // --- CSV upload (covid.import.ts) ---
  csvRwCode: m<{ value: string }>(
    (p) => `rw_code "${p.value}" is not an RW code like 32.76.01.1006/005.`,
    (p) => `rw_code "${p.value}" bukan kode RW yang sah (contoh: 32.76.01.1006/005).`,
  ),
  csvOutsideArea: m<{ rw: string; scope: string }>(
    (p) => `RW ${p.rw} is outside your area (${p.scope || 'none'}).`,
    (p) => `RW ${p.rw} berada di luar wilayah tugas Anda (${p.scope || 'tidak ada'}).`,
  ),
  csvDate: m<{ value: string }>(
    (p) => `date "${p.value}" must be YYYY-MM-DD.`,
    (p) => `date "${p.value}" harus berformat YYYY-MM-DD (tahun-bulan-tanggal).`,
  ),
  csvDuplicate: m<{ rw: string; date: string }>(
    (p) => `RW ${p.rw} on ${p.date} appears more than once.`,
    (p) => `RW ${p.rw} tanggal ${p.date} tercantum lebih dari sekali.`,
  ),
  csvNotWhole: m<{ column: string; value: string }>(
    (p) => `${p.column} "${p.value}" must be a whole number.`,
    (p) => `${p.column} "${p.value}" harus bilangan bulat.`,
  ),
  csvNegative: m<{ column: string; value: number }>(
    (p) => `${p.column} cannot be negative (${p.value}).`,
    (p) => `${p.column} tidak boleh negatif (${p.value}).`,
  ),
  csvRtHousesFormat: m<{ part: string }>(
    (p) => `rt_houses part "${p.part}" must look like 003:2 (RT:houses), separated by ";".`,
    (p) => `Bagian rt_houses "${p.part}" harus berbentuk 003:2 (RT:jumlah rumah), dipisahkan dengan ";".`,
  ),
  csvRtHousesNegative: m<{ rt: string }>(
    (p) => `rt_houses for RT ${p.rt} cannot be negative.`,
    (p) => `rt_houses untuk RT ${p.rt} tidak boleh negatif.`,
  ),
  importRace: m(
    () => 'Another report for an RW and date in this file arrived at the same time; nothing was imported. Upload the file again.',
    () =>
      'Pada saat yang sama masuk laporan lain untuk RW dan tanggal yang ada di berkas ini; tidak ada data yang diimpor. Unggah ulang berkasnya.',
  ),

  // --- public figures (covid.public.ts) ---
  noVerifiedFigures: m(
    () => 'There are no verified figures yet.',
    () => 'Belum ada angka yang terverifikasi.',
  ),
  codeRequired: m<{ level: string }>(
    (p) => `Give code= for level=${p.level} (e.g. 32.76.01.1006).`,
    (p) => `Isi code= untuk level=${p.level} (misalnya 32.76.01.1006).`,
  ),
  codeWrongLevel: m<{ code: string; level: string }>(
    (p) => `The code ${p.code} is not a ${p.level} code.`,
    (p) => `Kode ${p.code} bukan kode ${LEVEL_ID[p.level] ?? p.level}.`,
  ),
  area: m<{ code: string }>(
    (p) => `Area ${p.code}`,
    (p) => `Wilayah ${p.code}`,
  ),
  fromAfterTo: m(
    () => 'from must not be after to.',
    () => 'Tanggal from tidak boleh sesudah tanggal to.',
  ),
  rangeTooLong: m(
    () => 'Ask for at most ten years at a time.',
    () => 'Rentang waktu paling lama sepuluh tahun per permintaan.',
  ),
  per10kKecamatanOnly: m(
    () => 'metric=per_10k is available only with level=kecamatan: population is published per kecamatan only, not per kelurahan or RW.',
    () =>
      'metric=per_10k hanya tersedia untuk level=kecamatan: data penduduk hanya dipublikasikan per kecamatan, tidak per kelurahan atau RW.',
  ),
  noPopulation: m(
    () => 'No kecamatan population is loaded, so per_10k cannot be computed.',
    () => 'Data penduduk kecamatan belum dimuat, sehingga per_10k tidak dapat dihitung.',
  ),

  // --- zoning rule sets (covid.zoning.ts, covid.service.ts) ---
  kuningMin: m(
    () => 'kuning_max must be at least 1 house.',
    () => 'kuning_max minimal 1 rumah.',
  ),
  oranyeAboveKuning: m(
    () => 'oranye_max must be larger than kuning_max.',
    () => 'oranye_max harus lebih besar dari kuning_max.',
  ),
  oranyeMax: m<{ max: number }>(
    (p) => `oranye_max can be at most ${p.max} houses.`,
    (p) => `oranye_max paling banyak ${p.max} rumah.`,
  ),
  ruleExists: m<{ date: string }>(
    (p) => `A rule set already takes effect on ${p.date}.`,
    (p) => `Sudah ada aturan zonasi yang berlaku mulai ${p.date}.`,
  ),

  // --- announcements and forum (covid.info.ts) ---
  announceOwnRw: m<{ scope: string }>(
    (p) => `A petugas RW announces only to their own RW (${p.scope || 'none'}).`,
    (p) => `Petugas RW hanya dapat membuat pengumuman untuk RW-nya sendiri (${p.scope || 'tidak ada'}).`,
  ),
  post: m<{ id: string }>(
    (p) => `Post ${p.id}`,
    (p) => `Tulisan ${p.id}`,
  ),
  postIn: m<{ id: string; rw: string }>(
    (p) => `Post ${p.id} in ${p.rw}`,
    (p) => `Tulisan ${p.id} di ${p.rw}`,
  ),
  forumRateLimit: m<{ max: number }>(
    (p) => `You can post at most ${p.max} times a minute; wait a moment and try again.`,
    (p) => `Anda dapat mengirim tulisan paling banyak ${p.max} kali per menit; tunggu sebentar, lalu coba lagi.`,
  ),
  moderateOwnRw: m<{ rw: string }>(
    (p) => `Only the petugas RW of ${p.rw} can moderate its forum.`,
    (p) => `Hanya petugas RW ${p.rw} yang dapat memoderasi forumnya.`,
  ),
});
