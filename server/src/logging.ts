import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

/** `?token=abc` becomes `?token=[redacted]`: links carry tokens, logs must not. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

interface LoggedRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
}

/** The server's logger: structured JSON, no tokens (no Authorization header, no token in URLs). */
export function createLogger(level: LogLevel, stream?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.hostname,
        remoteAddress: request.ip,
      }),
    },
  };
  return stream ? pino(options, stream) : pino(options);
}

/** What rooms and sockets need of a logger (pino's and Fastify's both fit). */
export type Log = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
