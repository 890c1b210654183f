import type { ApRow, HotspotRow } from './wifi.repo';
import type { HotspotState } from './wifi.health';

// Presenters: rows → API shapes (snake_case, ISO times), never raw rows.

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function presentHotspot(h: HotspotRow) {
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    lat: h.lat,
    lng: h.lng,
    location_note: h.locationNote,
    address: h.address,
    kelurahan_code: h.kelurahanCode,
    rw_code: h.rwCode,
    category: h.category,
    phase: h.phase,
    provider: h.provider,
    bandwidth_mbps: h.bandwidthMbps,
    ssids: h.ssids ?? [],
    installed_on: h.installedOn,
    status: h.status,
    opening_hours: h.openingHours,
    notes: h.notes,
    state: h.state as HotspotState,
    state_since: iso(h.stateSince)!,
    is_demo: h.isDemo,
    updated_at: iso(h.updatedAt)!,
  };
}

export function presentAp(
  a: ApRow,
  extra: { hotspotCode?: string; hotspotName?: string; kelurahanCode?: string; rwCode?: string | null } = {},
) {
  return {
    id: a.id,
    mac: a.mac,
    hotspot_id: a.hotspotId,
    ...(extra.hotspotCode !== undefined
      ? {
          hotspot_code: extra.hotspotCode,
          hotspot_name: extra.hotspotName,
          kelurahan_code: extra.kelurahanCode,
          rw_code: extra.rwCode ?? null,
        }
      : {}),
    serial: a.serial,
    model: a.model,
    firmware: a.firmware,
    mgmt_ip: a.mgmtIp,
    health: a.health as 'OK' | 'PROBLEM' | 'CRITICAL' | 'UNKNOWN',
    health_reason: a.healthReason,
    health_since: iso(a.healthSince)!,
    last_seen_at: iso(a.lastSeenAt),
    last_clients: a.lastClients,
    is_demo: a.isDemo,
  };
}

export const HOTSPOT_CSV_COLUMNS = [
  'code',
  'name',
  'lat',
  'lng',
  'address',
  'kelurahan_code',
  'rw_code',
  'category',
  'phase',
  'provider',
  'bandwidth_mbps',
  'ssids',
  'installed_on',
  'status',
  'opening_hours',
  'notes',
  'state',
  'is_demo',
  'location_note',
  'id',
];

export const AP_CSV_COLUMNS = [
  'mac',
  'hotspot_code',
  'serial',
  'model',
  'firmware',
  'mgmt_ip',
  'health',
  'health_reason',
  'last_seen_at',
  'last_clients',
  'hotspot_id',
  'is_demo',
];
