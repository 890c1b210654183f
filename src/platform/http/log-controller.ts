import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Fastify's default writes two info lines per request, which costs ~25 µs each on hot cached
 * reads (bench/read-path). Here: every request at debug; at info only failures and slow requests,
 * so production logs stay useful and cheap.
 */
export class QuietRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { res: reply, responseTime: reply.elapsedTime };
    // 503 while starting or shutting down is expected; 500s are bugs (also logged by the error handler).
    if (error || reply.statusCode === 500) request.log.error({ ...line, err: error ?? undefined }, 'request errored');
    else if (reply.statusCode >= 400 || reply.elapsedTime > 1000) request.log.info(line, 'request completed');
    else request.log.debug(line, 'request completed');
  }
}
