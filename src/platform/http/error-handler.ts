import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, detail, type ErrorDetail } from '../errors';
import { negotiateLang, render, type Lang } from '../i18n';
import { platformMessages as P } from '../i18n.messages';
import { zodIssueText } from '../i18n.zod';

interface BodyDetail {
  path?: string;
  message: string;
  /** Catalog key of the message (e.g. `covid.dateInFuture`), stable across languages. */
  key?: string;
}

export interface ErrorBody {
  error: { code: string; message: string; key?: string; details?: BodyDetail[]; request_id: string };
}

function renderDetail(d: ErrorDetail, lang: Lang): BodyDetail {
  const message = d.msg ? render(d.msg, lang) : d.message;
  const out: BodyDetail = d.path !== undefined ? { path: d.path, message } : { message };
  if (d.msg) out.key = d.msg.key;
  return out;
}

function send(reply: FastifyReply, req: FastifyRequest, err: AppError): void {
  const lang = negotiateLang(req.headers['accept-language']);
  const body: ErrorBody = {
    error: { code: err.code, message: err.msg ? render(err.msg, lang) : err.message, request_id: String(req.id) },
  };
  if (err.msg) body.error.key = err.msg.key;
  if (err.details?.length) body.error.details = err.details.map((d) => renderDetail(d, lang));
  // The text depends on Accept-Language: caches must not hand one language's error to another.
  const vary = reply.getHeader('vary');
  const varyText = Array.isArray(vary) ? vary.join(', ') : typeof vary === 'string' ? vary : '';
  if (!/accept-language/i.test(varyText)) void reply.header('vary', varyText ? `${varyText}, Accept-Language` : 'Accept-Language');
  void reply.status(err.status).type('application/json; charset=utf-8').send(body);
}

/** The value a zod issue is about: issues carry only its path (e.g. /rt/0/rt) in the validated part. */
function valueAt(req: FastifyRequest, context: string | undefined, instancePath: string): unknown {
  const root: unknown =
    context === 'body' ? req.body : context === 'querystring' ? req.query : context === 'params' ? req.params : req.headers;
  let cur = root;
  for (const seg of instancePath.split('/').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** Maps every failure to a typed JSON error. Only genuine bugs become a 500, and their details stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError | AppError | Error, req, reply) => {
    if (raw instanceof AppError) return send(reply, req, raw);
    const err = raw as FastifyError;

    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => {
        const where = [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.');
        const text = v.message ? zodIssueText(v, valueAt(req, err.validationContext, v.instancePath)) : P.invalidValue();
        return detail(where, text);
      });
      return send(reply, req, new AppError('validation_failed', P.invalidFields(), details));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(reply, req, new AppError('internal', P.internal()));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, req, new AppError('invalid_json', P.invalidJson({ reason: err.message })));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, req, new AppError('payload_too_large', P.payloadTooLarge()));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(
          reply,
          req,
          new AppError('unsupported_media_type', P.unsupportedMediaType({ type: req.headers['content-type'] ?? 'none' })),
        );
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, req, new AppError('validation_failed', P.badContentLength()));
      default:
        break;
    }
    if (err.statusCode === 429) return send(reply, req, new AppError('rate_limited', err.message || P.tooManyRequests()));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, req, new AppError('validation_failed', err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, req, new AppError('internal', P.internal()));
  });

  app.setNotFoundHandler((req, reply) => {
    send(reply, req, new AppError('not_found', P.noEndpoint({ method: req.method, path: req.url.split('?')[0] })));
  });
}
