import { describe, expect, it } from 'vitest';
import { AppError, errorMessage, fieldErrors, toAppError } from './errors.ts';

describe('fieldErrors', () => {
  it('names each bad field once, with the missing or extra property in the path', () => {
    const fields = fieldErrors(
      [
        { instancePath: '', keyword: 'required', params: { missingProperty: 'password' } },
        { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'isAdmin' } },
        { instancePath: '/scope/all', keyword: 'type', params: { type: 'boolean' } },
        { instancePath: '/type', keyword: 'const', params: { allowedValue: 'office' } },
        { instancePath: '/type', keyword: 'anyOf', params: {} },
      ],
      'body',
      'en-US',
    );
    expect(fields).toEqual([
      { field: 'body.password', keyword: 'required', reason: 'is required' },
      { field: 'body.isAdmin', keyword: 'additionalProperties', reason: 'is not an allowed field' },
      { field: 'body.scope.all', keyword: 'type', reason: 'must be of type boolean' },
      { field: 'body.type', keyword: 'anyOf', reason: 'is not one of the allowed values' },
    ]);
  });

  it('speaks Chinese by default and calls query strings "query"', () => {
    expect(
      fieldErrors(
        [{ instancePath: '/limit', keyword: 'maximum', params: { limit: 200 } }],
        'querystring',
        'zh-CN',
      ),
    ).toEqual([{ field: 'query.limit', keyword: 'maximum', reason: '不能大于 200' }]);
  });
});

describe('toAppError', () => {
  it('never passes an unknown error through: it becomes INTERNAL with no internals', () => {
    const error = toAppError(new Error('connection string postgres://secret'), 1024, 'en-US');
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('INTERNAL');
    expect(errorMessage(error.code, 'en-US', { requestId: 'r1' })).not.toContain('secret');
  });

  it('maps body-size and JSON errors from Fastify', () => {
    expect(
      toAppError(
        Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }),
        10,
        'zh-CN',
      ).code,
    ).toBe('PAYLOAD_TOO_LARGE');
    expect(
      toAppError(
        Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }),
        10,
        'zh-CN',
      ).code,
    ).toBe('INVALID_JSON');
  });
});
