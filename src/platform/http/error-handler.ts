import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorDetail } from '../errors';

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[]; request_id: string };
}

function send(reply: FastifyReply, req: FastifyRequest, err: AppError): void {
  const body: ErrorBody = {
    error: { code: err.code, message: err.message, request_id: String(req.id) },
  };
  if (err.details?.length) body.error.details = err.details;
  void reply.status(err.status).type('application/json; charset=utf-8').send(body);
}

/** Maps every failure to a typed JSON error. Only genuine bugs become a 500, and their details stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError | AppError | Error, req, reply) => {
    if (raw instanceof AppError) return send(reply, req, raw);
    const err = raw as FastifyError;

    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => {
        const where = [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.');
        return { path: where, message: v.message ?? 'invalid value' };
      });
      return send(reply, req, new AppError('validation_failed', 'The request has invalid fields.', details));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(reply, req, new AppError('internal', 'Internal error. Quote the request id when reporting it.'));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, req, new AppError('invalid_json', `The body is not valid JSON: ${err.message}`));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, req, new AppError('payload_too_large', 'The request body is larger than this endpoint accepts.'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(
          reply,
          req,
          new AppError('unsupported_media_type', `Content type not supported here: ${req.headers['content-type'] ?? 'none'}.`),
        );
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, req, new AppError('validation_failed', 'The Content-Length header does not match the body.'));
      default:
        break;
    }
    if (err.statusCode === 429)
      return send(reply, req, new AppError('rate_limited', err.message || 'Too many requests; wait a minute and try again.'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, req, new AppError('validation_failed', err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, req, new AppError('internal', 'Internal error. Quote the request id when reporting it.'));
  });

  app.setNotFoundHandler((req, reply) => {
    send(reply, req, new AppError('not_found', `No endpoint ${req.method} ${req.url.split('?')[0]}.`));
  });
}
