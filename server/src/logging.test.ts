import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { redactUrl } from './logging';
import { connectRaw, createBoard, startServer, syncUrlFor, waitFor } from './testing/testkit';

describe('logs', () => {
  it('strips tokens from logged URLs', () => {
    expect(redactUrl('/sync/abc?token=s3cret&x=1')).toBe('/sync/abc?token=[redacted]&x=1');
    expect(redactUrl('/api/boards/abc?x=1&token=s3cret')).toBe('/api/boards/abc?x=1&token=[redacted]');
  });

  it('strips a token whose key is percent-encoded, as the query parser decodes it', () => {
    expect(redactUrl('/sync/abc?%74oken=s3cret')).toBe('/sync/abc?%74oken=[redacted]');
    expect(redactUrl('/sync/abc?x=%74oken&TOK%45N=s3cret&y=2')).toBe('/sync/abc?x=%74oken&TOK%45N=[redacted]&y=2');
    expect(redactUrl('/sync/abc?%zz=1&token=s3cret')).toBe('/sync/abc?%zz=1&token=[redacted]');
    expect(redactUrl('/plain/path')).toBe('/plain/path');
  });

  it('never contain a token, whether it came in a header, a query or a socket URL', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const server = await startServer({ logLevel: 'debug' }, { logStream: stream });
    try {
      const board = await createBoard(server);
      await server.app.inject({ url: `/api/boards/${board.id}`, headers: { authorization: `Bearer ${board.tokens.viewer}` } });
      await server.app.inject({ url: `/api/boards/${board.id}?token=${board.tokens.editor}` });
      await server.app.inject({ url: `/api/boards/${board.id}?token=wrong-${board.tokens.facilitator}` });
      const socket = connectRaw(syncUrlFor(server, board.id, board.tokens.editor));
      await waitFor(() => socket.received.length > 0, 'the socket in its room');
      socket.ws.send('not binary');
      await socket.closed;
      const log = lines.join('');
      expect(log).toContain('token=[redacted]');
      for (const token of Object.values(board.tokens)) expect(log).not.toContain(token);
    } finally {
      await server.stop();
    }
  });
});
