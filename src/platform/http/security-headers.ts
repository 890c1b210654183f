import type { FastifyInstance } from 'fastify';

// The headers @fastify/helmet would set, computed once: helmet rebuilds its CSP string on every
// request (about 20 µs each, measured by bench/read-path), which is a third of the cost of serving
// a cached public read.
export function installSecurityHeaders(app: FastifyInstance, opts: { tileUrl?: string }): void {
  const imgSrc = ["'self'", 'data:', 'blob:'];
  if (opts.tileUrl) imgSrc.push(new URL(opts.tileUrl.replace(/[{}]/g, '')).origin);
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${imgSrc.join(' ')}`,
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
  const headers: Record<string, string> = {
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'SAMEORIGIN',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(headers);
  });
}
