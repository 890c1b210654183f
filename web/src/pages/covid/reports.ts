// The daily RW report as the pages see it: the case-term groups (Kemenkes) and the API's shape.

export type Group = 'konfirmasi' | 'suspek' | 'probable' | 'kontak_erat';
export const GROUPS: Record<Group, string[]> = {
  konfirmasi: ['isolasi_mandiri', 'dirawat', 'selesai', 'meninggal'],
  suspek: ['diisolasi', 'discarded', 'meninggal'],
  probable: ['diisolasi', 'selesai', 'meninggal'],
  kontak_erat: ['dikarantina', 'discarded'],
};
export type Figures = Record<Group, Record<string, number>>;

export interface Report extends Figures {
  id: string;
  rw_code: string;
  kelurahan_code: string;
  date: string;
  status: 'draft' | 'submitted' | 'verified' | 'declined';
  revision: number;
  rt: { rt: string; rumah_terkonfirmasi: number }[];
  note: string | null;
  decline_reason: string | null;
  derived: { active: number; confirmed_cum: number };
  submitted_at: string | null;
  verified_at: string | null;
  updated_at: string;
  warnings?: string[];
}
export const emptyFigures = (): Figures => ({
  konfirmasi: { isolasi_mandiri: 0, dirawat: 0, selesai: 0, meninggal: 0 },
  suspek: { diisolasi: 0, discarded: 0, meninggal: 0 },
  probable: { diisolasi: 0, selesai: 0, meninggal: 0 },
  kontak_erat: { dikarantina: 0, discarded: 0 },
});
