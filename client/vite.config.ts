import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

// The server (PORT 8080) serves the built app; in development Vite serves it and forwards the
// HTTP API and the sync socket, so the browser sees one origin either way.
// BENCHLEARN_SERVER points the dev server at a server on another port.
const server = process.env.BENCHLEARN_SERVER ?? 'http://127.0.0.1:8080';

// The server checks a browser's Origin against ALLOWED_ORIGINS (default: its own). Through the
// dev proxy the page's origin is Vite's, so present the server's own origin instead.
const asServerOrigin: ProxyOptions = {
  target: server,
  configure(proxy) {
    proxy.on('proxyReq', (request) => {
      if (request.getHeader('origin')) request.setHeader('origin', server);
    });
    proxy.on('proxyReqWs', (request) => {
      if (request.getHeader('origin')) request.setHeader('origin', server);
    });
  },
};

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': asServerOrigin,
      '/healthz': asServerOrigin,
      '/sync': { ...asServerOrigin, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  // The export worker loads jsPDF on demand: a module worker, so it may split like the page.
  worker: { format: 'es' },
});
