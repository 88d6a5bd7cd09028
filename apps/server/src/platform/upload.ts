import type { FastifyRequest } from 'fastify';
import { AppError, defineErrors, platformError } from './errors.ts';

export const uploadError = defineErrors({
  UPLOAD_EXPECTED: {
    status: 400,
    'zh-CN': '请以 multipart/form-data 上传一个文件（字段名 file）',
    'en-US': 'Upload one file as multipart/form-data (field name: file)',
  },
});

export interface Upload {
  fields: Record<string, string>;
  filename: string;
  data: Buffer;
}

/**
 * Reads a multipart form with one file (field `file`) and a few short text fields. The file is
 * buffered up to `limit` bytes; beyond it the request is refused with 413 and nothing is kept.
 */
export async function readUpload(
  request: FastifyRequest,
  limit: number,
  fieldNames: readonly string[] = [],
): Promise<Upload> {
  if (!request.isMultipart()) throw uploadError('UPLOAD_EXPECTED');
  const fields: Record<string, string> = {};
  let file: { filename: string; data: Buffer } | null = null;
  try {
    for await (const part of request.parts({
      limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 1000 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          throw uploadError('UPLOAD_EXPECTED');
        }
        file = { filename: part.filename, data: await part.toBuffer() };
      } else if (fieldNames.includes(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw platformError('PAYLOAD_TOO_LARGE', { limit }, { limit });
    if (code?.startsWith('FST_') && (error as { statusCode?: number }).statusCode === 413)
      throw platformError('PAYLOAD_TOO_LARGE', { limit }, { limit });
    if (error instanceof AppError) throw error;
    // Anything else is a form the parser could not read: no boundary, a body cut off mid-part.
    throw uploadError('UPLOAD_EXPECTED');
  }
  if (!file || file.data.length === 0) throw uploadError('UPLOAD_EXPECTED');
  return { fields, ...file };
}
