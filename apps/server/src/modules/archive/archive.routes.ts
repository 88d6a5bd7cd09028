import { PassThrough } from 'node:stream';
import { Type } from 'typebox';
import { ExportQuery, ImportKindParams, ImportResult } from '@steward/contracts';
import type { ImportKind } from '@steward/contracts/catalogues';
import type { FastifyReply } from 'fastify';
import { defineErrors, platformError, uniqueOr } from '../../platform/errors.ts';
import { actorOf, namedPlace, requestMeta } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import { readUpload } from '../../platform/upload.ts';
import type { Config } from '../../config.ts';
import { exportArchive, exportFileName, writeTemplate, type ExportDeps } from './export.service.ts';
import { importFile, type ImportDeps } from './import.service.ts';
import { describeProblems } from './problems.ts';

export const archiveError = defineErrors({
  IMPORT_REJECTED: {
    status: 400,
    'zh-CN': '文件有 {count} 处错误，未导入任何数据',
    'en-US': 'The file has {count} problem(s); nothing was imported',
  },
  IMPORT_BUSY: {
    status: 409,
    'zh-CN': '另一个导入正在修改相同的数据，请稍后重试',
    'en-US': 'Another import is changing the same records; try again shortly',
  },
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

/** Which permission writes each kind (besides archive.import): importing is a bulk form of it. */
const WRITE_PERMISSION: Record<ImportKind, string> = {
  houses: 'projects.manage',
  customers: 'customers.manage',
};

function sendWorkbook(
  reply: FastifyReply,
  fileName: string,
  write: (out: NodeJS.WritableStream) => Promise<unknown>,
) {
  const out = new PassThrough();
  write(out).catch((error: unknown) => {
    reply.log.error({ err: error }, 'workbook export failed');
    out.destroy(error as Error);
  });
  return reply
    .type(XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(out);
}

export async function archiveRoutes(
  app: App,
  deps: ImportDeps & ExportDeps & { config: Pick<Config, 'importLimit' | 'timeZone'> },
): Promise<void> {
  const tags = ['archive'];

  app.get('/api/v1/imports/:kind/template.xlsx', {
    config: { access: { permission: 'archive.import' }, reach: 'org' },
    schema: {
      tags,
      summary: 'Download the import template (.xlsx, Chinese headers)',
      params: ImportKindParams,
      response: { 200: Binary, ...errorResponses },
    },
    handler: async (request, reply) =>
      sendWorkbook(reply, exportFileName(request.params.kind, request.locale, '', true), (out) =>
        writeTemplate(request.params.kind, request.locale, out),
      ),
  });

  app.post('/api/v1/imports/:kind', {
    // A row naming a project or building beyond the caller's scope (or unknown to the organisation)
    // is a row problem of the all-or-nothing import: 400 IMPORT_REJECTED listing it.
    config: { access: { permission: 'archive.import' }, reach: namedPlace('IMPORT_REJECTED') },
    schema: {
      tags,
      summary:
        'Import an .xlsx file (multipart field `file`), all or nothing; 400 lists details.rows [{row, column, reason}]',
      consumes: ['multipart/form-data'],
      params: ImportKindParams,
      response: { 200: ImportResult, ...errorResponses, 413: errorResponses[400] },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const kind = request.params.kind;
      if (!actor.permissions.has(WRITE_PERMISSION[kind]))
        throw platformError('FORBIDDEN', { permission: WRITE_PERMISSION[kind] });
      const upload = await readUpload(request, deps.config.importLimit);
      const outcome = await uniqueOr(
        () => importFile(deps, actor, requestMeta(request), kind, upload.data),
        () => archiveError('IMPORT_BUSY'),
      );
      if (outcome.ok) return outcome.result;
      const rows = describeProblems(kind, outcome.problems, request.locale);
      throw archiveError('IMPORT_REJECTED', { rows }, { count: rows.length });
    },
  });

  app.get('/api/v1/exports/:kind.xlsx', {
    config: { access: { permission: 'archive.export' }, reach: 'scope' },
    schema: {
      tags,
      summary:
        'Export houses or customers (.xlsx); personal data in full only with customers.reveal; audited',
      params: ImportKindParams,
      querystring: ExportQuery,
      response: { 200: Binary, ...errorResponses },
    },
    handler: async (request, reply) => {
      const file = await exportArchive(
        deps,
        actorOf(request),
        requestMeta(request),
        request.params.kind,
        request.query,
        request.locale,
      );
      return sendWorkbook(reply, file.fileName, file.write);
    },
  });
}
