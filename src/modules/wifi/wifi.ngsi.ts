import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { distanceM } from '../../platform/geo';
import type { WilayahService } from '../wilayah';
import { apUp } from './wifi.health';
import type { WifiPublic } from './wifi.public.service';

// A read-only NGSI-LD (ETSI GS CIM 009) view of the registry: enough of "query entities" and
// "retrieve entity" for FIWARE peers. Property names follow Smart Data Models dataModel.WifiNetwork.

export const NGSI_CONTEXT = [
  'https://raw.githubusercontent.com/smart-data-models/dataModel.WifiNetwork/master/context.jsonld',
  'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld',
];
const ERR = 'https://uri.etsi.org/ngsi-ld/errors/';
const MAX_LIMIT = 1000;
const POI = 'WifiPointOfInterest';
const AP = 'AccessPoint';
const urnPoi = (id: number) => `urn:ngsi-ld:${POI}:${id}`;
const urnAp = (mac: string) => `urn:ngsi-ld:${AP}:${mac}`;

class NgsiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

type Entity = Record<string, unknown>;
interface Located {
  entity: Entity;
  lat: number;
  lng: number;
}

const prop = (value: unknown) => ({ type: 'Property', value });
const dateProp = (d: Date) => ({ type: 'Property', value: { '@type': 'DateTime', '@value': d.toISOString() } });

function simplify(e: Entity): Entity {
  const out: Entity = {};
  for (const [k, v] of Object.entries(e)) {
    if (v && typeof v === 'object' && 'type' in v && ('value' in v || 'object' in v)) {
      const a = v as { type: string; value?: unknown; object?: unknown };
      out[k] =
        a.type === 'Relationship' ? a.object : a.value && typeof a.value === 'object' && '@value' in a.value ? a.value['@value'] : a.value;
    } else out[k] = v;
  }
  return out;
}

type Snapshot = Awaited<ReturnType<WifiPublic['snapshot']>>;

function poiEntities(snap: Snapshot, kel: Map<string, { name: string; postal_code: string }>): Located[] {
  const clients = new Map<number, number>();
  for (const a of snap.aps)
    clients.set(a.hotspotId, (clients.get(a.hotspotId) ?? 0) + (apUp(a.health, a.healthReason) ? (a.lastClients ?? 0) : 0));
  return snap.hotspots.map((h) => ({
    lat: h.lat,
    lng: h.lng,
    entity: {
      id: urnPoi(h.id),
      type: POI,
      name: prop(h.name),
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [h.lng, h.lat] } },
      address: prop({
        streetAddress: h.address ?? '',
        addressLocality: kel.get(h.kelurahanCode)?.name ?? h.kelurahanCode,
        addressRegion: 'Kota Depok, Jawa Barat',
        addressCountry: 'ID',
        postalCode: kel.get(h.kelurahanCode)?.postal_code ?? '',
      }),
      category: prop([h.category]),
      wifiStatus: prop(h.state),
      clientsConnected: prop(clients.get(h.id) ?? 0),
      dateModified: dateProp(h.updatedAt),
    },
  }));
}

function apEntities(snap: Snapshot): Located[] {
  const hs = new Map(snap.hotspots.map((h) => [h.id, h]));
  return snap.aps.map((a) => {
    const h = hs.get(a.hotspotId)!;
    const e: Entity = {
      id: urnAp(a.mac),
      type: AP,
      macAddress: prop(a.mac.toUpperCase()),
      apState: prop(apUp(a.health, a.healthReason) ? 'up' : 'down'),
      clientsConnected: prop(a.lastClients ?? 0),
      refPointOfInterest: { type: 'Relationship', object: urnPoi(a.hotspotId) },
      name: prop(h.name),
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [h.lng, h.lat] } },
    };
    if (a.lastSeenAt) e.dateLastValueReported = dateProp(a.lastSeenAt);
    if (a.model) e.modelName = prop(a.model);
    if (a.firmware) e.firmwareVersion = prop(a.firmware);
    return { entity: e, lat: h.lat, lng: h.lng };
  });
}

async function entities(pub: WifiPublic, wilayah: WilayahService, types: string[]): Promise<Located[]> {
  const snap = await pub.snapshot();
  const out: Located[] = [];
  if (types.includes(POI)) out.push(...poiEntities(snap, new Map((await wilayah.listKelurahan()).map((k) => [k.code, k]))));
  if (types.includes(AP)) out.push(...apEntities(snap));
  return out;
}

function intParam(v: string | undefined, name: string, def: number): number {
  if (v === undefined) return def;
  if (!/^\d+$/.test(v)) throw new NgsiError(400, 'BadRequestData', 'Invalid URI parameter', `${name} must be a non-negative integer`);
  return Number(v);
}

function parseNear(q: Record<string, string | undefined>) {
  if (!q.georel) return undefined;
  const [rel, ...mods] = q.georel.split(';');
  if (rel !== 'near')
    throw new NgsiError(400, 'BadRequestData', 'Unsupported georel', `Only georel=near;maxDistance==<metres> is supported, not "${rel}"`);
  let max = Infinity;
  let min = 0;
  for (const m of mods) {
    const mm = /^(maxDistance|minDistance)==(\d+(\.\d+)?)$/.exec(m);
    if (!mm) throw new NgsiError(400, 'BadRequestData', 'Invalid georel', `Cannot read "${m}"; use maxDistance==<metres>`);
    if (mm[1] === 'maxDistance') max = Number(mm[2]);
    else min = Number(mm[2]);
  }
  if (q.geometry !== 'Point') throw new NgsiError(400, 'BadRequestData', 'Invalid geometry', 'georel=near needs geometry=Point');
  let coords: unknown;
  try {
    coords = JSON.parse(q.coordinates ?? '');
  } catch {
    coords = undefined;
  }
  const pair =
    Array.isArray(coords) && coords.length === 2 && coords.every((c) => typeof c === 'number' && Number.isFinite(c))
      ? (coords as [number, number])
      : undefined;
  if (!pair || Math.abs(pair[1]) > 90 || Math.abs(pair[0]) > 180)
    throw new NgsiError(400, 'BadRequestData', 'Invalid coordinates', 'coordinates must be [longitude,latitude], e.g. [106.82,-6.4]');
  const [lng, lat] = pair;
  return { lng, lat, max, min };
}

function send(req: FastifyRequest, reply: FastifyReply, body: Entity | Entity[]) {
  const accept = String(req.headers.accept ?? '');
  if (accept.includes('application/json') && !accept.includes('application/ld+json')) {
    // Plain JSON clients get the context as a Link header, as NGSI-LD prescribes.
    reply.header('Link', `<${NGSI_CONTEXT[0]}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`);
    return reply.type('application/json').send(body);
  }
  const withCtx = (e: Entity) => ({ ...e, '@context': NGSI_CONTEXT });
  return reply.type('application/ld+json').send(Array.isArray(body) ? body.map(withCtx) : withCtx(body));
}

function problem(reply: FastifyReply, e: NgsiError) {
  return reply
    .code(e.status)
    .type('application/problem+json')
    .send({ type: `${ERR}${e.kind}`, title: e.title, status: e.status, detail: e.detail });
}

/** GET /ngsi-ld/v1/entities and /ngsi-ld/v1/entities/{id} (public, read-only). */
export function ngsiRoutes(app: FastifyInstance, pub: WifiPublic, wilayah: WilayahService): void {
  const tags = ['ngsi-ld'];
  app.get(
    '/ngsi-ld/v1/entities',
    {
      schema: {
        tags,
        summary:
          'Query WifiPointOfInterest / AccessPoint entities (type, options=keyValues, limit ≤ 1000, offset, count=true, georel=near;maxDistance==m&geometry=Point&coordinates=[lng,lat])',
        produces: ['application/ld+json'],
      },
    },
    async (req, reply) => {
      try {
        const q = req.query as Record<string, string | undefined>;
        if (!q.type && !q.id)
          throw new NgsiError(400, 'BadRequestData', 'Missing filter', 'Give type=WifiPointOfInterest or type=AccessPoint (or id=…)');
        const limit = intParam(q.limit, 'limit', 20);
        if (limit > MAX_LIMIT) throw new NgsiError(403, 'TooManyResults', 'Too many results', `limit may be at most ${MAX_LIMIT}`);
        const offset = intParam(q.offset, 'offset', 0);
        const near = parseNear(q);
        const types = (q.type ?? `${POI},${AP}`).split(',');
        let list = await entities(pub, wilayah, types);
        if (q.id) {
          const ids = new Set(q.id.split(','));
          list = list.filter((x) => ids.has(String(x.entity.id)));
        }
        if (near) {
          list = list
            .map((x) => ({ x, d: distanceM(near.lat, near.lng, x.lat, x.lng) }))
            .filter(({ d }) => d <= near.max && d >= near.min)
            .sort((a, b) => a.d - b.d)
            .map(({ x }) => x);
        }
        if (q.count === 'true') reply.header('NGSILD-Results-Count', String(list.length));
        const keyValues = (q.options ?? '').split(',').some((o) => o === 'keyValues' || o === 'simplified');
        const page = list.slice(offset, offset + limit).map((x) => (keyValues ? simplify(x.entity) : x.entity));
        return send(req, reply, page);
      } catch (err) {
        if (err instanceof NgsiError) return problem(reply, err);
        throw err;
      }
    },
  );

  app.get(
    '/ngsi-ld/v1/entities/:id',
    {
      schema: {
        tags,
        summary: 'Retrieve one entity: urn:ngsi-ld:WifiPointOfInterest:<id> or urn:ngsi-ld:AccessPoint:<mac>',
        produces: ['application/ld+json'],
      },
    },
    async (req, reply) => {
      try {
        const id = (req.params as { id: string }).id;
        const q = req.query as Record<string, string | undefined>;
        const m = /^urn:ngsi-ld:(WifiPointOfInterest|AccessPoint):(.+)$/.exec(id);
        if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(id)) throw new NgsiError(400, 'BadRequestData', 'Invalid entity id', `"${id}" is not a URI`);
        if (!m) throw new NgsiError(404, 'ResourceNotFound', 'Entity not found', `No entity ${id}`);
        const list = await entities(pub, wilayah, [m[1]]);
        const found = list.find((x) => x.entity.id === id);
        if (!found) throw new NgsiError(404, 'ResourceNotFound', 'Entity not found', `No entity ${id}`);
        const keyValues = (q.options ?? '').split(',').some((o) => o === 'keyValues' || o === 'simplified');
        return send(req, reply, keyValues ? simplify(found.entity) : found.entity);
      } catch (err) {
        if (err instanceof NgsiError) return problem(reply, err);
        throw err;
      }
    },
  );
}
