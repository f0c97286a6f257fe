import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/** The WebSocket origin (ws: or wss:) a page at `origin` syncs with. */
function socketOrigin(origin: string): string {
  return origin.replace(/^http/, 'ws');
}

/**
 * Security headers on every answer (@fastify/helmet). The CSP is what the built web app needs
 * and no more: its scripts, styles, fonts and workers from itself (the export workers are
 * module files, the PDF fonts are its own assets), pictures also from data: and blob: (the
 * favicon, snapshot previews, exports), and connections to itself and its sync sockets.
 */
export async function installSecurityHeaders(app: FastifyInstance, options: { publicUrl: string; allowedOrigins: readonly string[] }): Promise<void> {
  const https = options.publicUrl.startsWith('https:');
  const sockets = [...new Set(options.allowedOrigins.map(socketOrigin))];
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...sockets],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        // A page holding a board's token must not be framed by another site (clickjacking a
        // facilitator into deleting the board); the projector view is opened full screen, never embedded.
        frameAncestors: ["'none'"],
        // Only when served over https: a LAN server on plain http would have its own assets upgraded away.
        ...(https && { upgradeInsecureRequests: [] }),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS on a plain-http deployment is ignored by browsers; on https it is what the operator chose.
    strictTransportSecurity: https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
  });
}
