import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { importProblems, isXlsx } from './importErrors.ts';

describe('importProblems', () => {
  it('reads the row-level problems of a refused file', () => {
    const error = new ApiError(400, 'IMPORT_REJECTED', '未导入任何数据', {
      rows: [
        { row: 3, column: '房号', reason: '必填' },
        { row: null, column: null, reason: '缺少列“项目编码”' },
        { junk: true },
      ],
    });
    expect(importProblems(error)).toEqual([
      { row: 3, column: '房号', reason: '必填' },
      { row: null, column: null, reason: '缺少列“项目编码”' },
    ]);
  });

  it('is null for any other error, and empty when the details carry no rows', () => {
    expect(importProblems(new ApiError(400, 'VALIDATION_FAILED', 'bad'))).toBeNull();
    expect(importProblems(new Error('x'))).toBeNull();
    expect(importProblems(new ApiError(400, 'IMPORT_REJECTED', 'bad'))).toEqual([]);
  });
});

describe('isXlsx', () => {
  it('takes .xlsx only', () => {
    expect(isXlsx('客户.xlsx')).toBe(true);
    expect(isXlsx('HOUSES.XLSX')).toBe(true);
    expect(isXlsx('old.xls')).toBe(false);
    expect(isXlsx('data.csv')).toBe(false);
  });
});
