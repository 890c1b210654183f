import { createHash } from 'node:crypto';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

interface Built {
  raw: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

export interface CachedPayload {
  /** Sends the cached bytes (304 on a matching If-None-Match, precompressed when accepted). */
  send(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
  /** Drops the cached bytes; the next request rebuilds them. */
  invalidate(): void;
  /** The current bytes (built if needed); the benchmark serves the same from bare node:http. */
  bytes(): Promise<Buffer>;
}

/**
 * A public read whose body is built once and served from memory with a strong ETag and gzip/br
 * prepared ahead: under load the cost per request is a header check and a socket write.
 */
export function cachedPayload(build: () => Promise<unknown>, opts: { contentType?: string; maxAgeS?: number } = {}): CachedPayload {
  const contentType = opts.contentType ?? 'application/json; charset=utf-8';
  const cacheControl = `public, max-age=${opts.maxAgeS ?? 60}, stale-while-revalidate=300`;
  let current: Promise<Built> | undefined;
  let generation = 0;

  async function get(): Promise<Built> {
    if (!current) {
      const gen = generation;
      const p = build().then((value) => {
        const raw = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value));
        return {
          raw,
          gzip: gzipSync(raw, { level: 6 }),
          br: brotliCompressSync(raw, { params: { [zc.BROTLI_PARAM_QUALITY]: 5 } }),
          etag: `"${createHash('sha1').update(raw).digest('base64url')}"`,
        };
      });
      current = p;
      // A failed build must not stick: the next request tries again.
      p.catch(() => {
        if (generation === gen) current = undefined;
      });
    }
    return current;
  }

  return {
    async send(req, reply) {
      const b = await get();
      reply.header('ETag', b.etag).header('Cache-Control', cacheControl).header('Vary', 'Accept-Encoding');
      if (req.headers['if-none-match'] === b.etag) return reply.code(304).send();
      const accept = String(req.headers['accept-encoding'] ?? '');
      reply.type(contentType);
      if (/\bbr\b/.test(accept)) return reply.header('Content-Encoding', 'br').send(b.br);
      if (/\bgzip\b/.test(accept)) return reply.header('Content-Encoding', 'gzip').send(b.gzip);
      return reply.send(b.raw);
    },
    invalidate() {
      generation++;
      current = undefined;
    },
    async bytes() {
      return (await get()).raw;
    },
  };
}
