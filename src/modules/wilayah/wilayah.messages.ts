import { defineMessages, m } from '../../platform/i18n';

// Every text of the wilayah module a person reads in an error, in English and Indonesian.

export const wilayahMessages = defineMessages('wilayah', {
  // --- dto (zod) ---
  kecamatanCodeFormat: m(
    () => 'Use a Kemendagri kecamatan code of Depok, e.g. 32.76.01',
    () => 'Gunakan kode kecamatan Kemendagri di Depok, misalnya 32.76.01',
  ),
  kelurahanCodeFormat: m(
    () => 'Use a Kemendagri kelurahan code of Depok, e.g. 32.76.01.1006',
    () => 'Gunakan kode kelurahan Kemendagri di Depok, misalnya 32.76.01.1006',
  ),

  // --- locate ---
  outsideDepok: m<{ lat: number; lng: number }>(
    (p) => `The point ${p.lat}, ${p.lng} is outside Kota Depok. Pick a point inside the city boundary.`,
    (p) => `Titik ${p.lat}, ${p.lng} berada di luar Kota Depok. Pilih titik di dalam batas kota.`,
  ),

  // --- RW registry import (CSV rows) ---
  unknownKelurahan: m<{ code: string }>(
    (p) => `Unknown kelurahan code "${p.code}" (use the Kemendagri code, e.g. 32.76.01.1006).`,
    (p) => `Kode kelurahan "${p.code}" tidak dikenal (gunakan kode Kemendagri, misalnya 32.76.01.1006).`,
  ),
  rwNumber: m<{ value: string }>(
    (p) => `RW number "${p.value}" must be a whole number from 1 to 999.`,
    (p) => `Nomor RW "${p.value}" harus bilangan bulat dari 1 sampai 999.`,
  ),
  rtCount: m<{ value: string }>(
    (p) => `rt_count "${p.value}" must be a whole number from 1 to 99.`,
    (p) => `rt_count "${p.value}" harus bilangan bulat dari 1 sampai 99.`,
  ),
  rwTwice: m<{ code: string }>(
    (p) => `RW ${p.code} appears more than once.`,
    (p) => `RW ${p.code} tercantum lebih dari sekali.`,
  ),
  pointOutsideKelurahan: m<{ lat: string; lng: string; kelurahan: string }>(
    (p) => `lat/lng ${p.lat},${p.lng} is not inside kelurahan ${p.kelurahan}.`,
    (p) => `lat/lng ${p.lat},${p.lng} tidak berada di dalam kelurahan ${p.kelurahan}.`,
  ),
  rwStillUsed: m(
    () => 'Some RWs this file would remove still have data (reports, hotspots) attached. Include them in the file.',
    () => 'Sebagian RW yang akan dihapus oleh berkas ini masih memiliki data terkait (laporan, hotspot). Cantumkan RW tersebut di berkas.',
  ),
});
