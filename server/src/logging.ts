import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

function decodedKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' ')).trim().toLowerCase();
  } catch {
    return key.toLowerCase();
  }
}

/**
 * `?token=abc` becomes `?token=[redacted]`: links carry tokens, logs must not. The key is judged
 * decoded, as the query parser reads it: `?%74oken=abc` is a token too.
 */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const end = url.indexOf('#', start);
  const query = url.slice(start + 1, end < 0 ? undefined : end);
  const redacted = query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const key = equals < 0 ? pair : pair.slice(0, equals);
      return decodedKey(key) === 'token' ? `${key}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, start + 1)}${redacted}${end < 0 ? '' : url.slice(end)}`;
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
