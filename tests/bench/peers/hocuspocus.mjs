// @hocuspocus/server in memory, as its README starts it (no extensions), quiet. Its own
// listen() passes `address` where Node expects `host` and so binds every interface: we call
// the HTTP server's listen ourselves to stay on 127.0.0.1.
import { Server } from '@hocuspocus/server';

const server = new Server({ quiet: true, stopOnSignals: false });
server.httpServer.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }, () => {
  console.log(`hocuspocus listening on 127.0.0.1:${process.env.PORT}`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
