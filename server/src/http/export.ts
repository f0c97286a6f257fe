import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { exportBoardJson, exportCsv, exportMarkdown, exportSvg, readMeta } from '@benchlearn/shared';
import type { RoomManager } from '../rooms';
import type { Storage } from '../storage/types';
import { accessHook, accessOf, readBoardDoc } from './access';
import { contentDisposition } from './filename';
import { BoardParams } from './schemas';

export const EXPORT_FORMATS = ['json', 'md', 'csv', 'svg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
};

/** One enum rather than a union of literals: a wrong value gets one clear message naming the field. */
const ExportQuery = Type.Object({
  format: Type.Optional(Type.Unsafe<ExportFormat>({ type: 'string', enum: [...EXPORT_FORMATS] })),
  token: Type.Optional(Type.String()),
});

export interface ExportRoutesOptions {
  storage: Storage;
  rooms: RoomManager;
}

/** `GET /api/boards/:id/export?format=json|md|csv|svg` (viewer): the board as a file. */
export const exportRoutes: FastifyPluginAsyncTypebox<ExportRoutesOptions> = async (app, { storage, rooms }) => {
  const access = accessHook(storage);

  app.get('/api/boards/:id/export', { preHandler: access('viewer'), schema: { params: BoardParams, querystring: ExportQuery } }, async (request, reply) => {
    const { board } = accessOf(request);
    const format = request.query.format ?? 'json';
    const now = Date.now();
    const { body, title } = await readBoardDoc(rooms, storage, board.id, (doc) => {
      switch (format) {
        case 'json':
          return { body: exportBoardJson(doc, now), title: readMeta(doc).title };
        case 'md':
          return { body: exportMarkdown(doc, { now }), title: readMeta(doc).title };
        case 'csv':
          // A byte order mark: spreadsheet programs then read accents (Dutch, German) right.
          return { body: exportCsv(doc, { bom: true }), title: readMeta(doc).title };
        case 'svg':
          return { body: exportSvg(doc), title: readMeta(doc).title };
      }
    });
    const date = new Date(now).toISOString().slice(0, 10);
    return (
      reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', contentDisposition(title || board.title, date, format))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        // Opened in a tab, a file from here may do nothing active (the SVG above all).
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .send(body)
    );
  });
};
