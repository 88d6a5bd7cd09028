import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, PERMISSIONS, SYSTEM_ROLES } from '@steward/contracts/catalogues';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('zh-CN and en-US dictionaries', () => {
  it('have the same keys', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('use the same {placeholders} in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(enUS[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('leave nothing empty, and keep Chinese out of the English text', () => {
    for (const [key, text] of Object.entries(enUS)) {
      expect(text.trim(), key).not.toBe('');
      expect(text, key).not.toMatch(/[\u4e00-\u9fff]/);
    }
    for (const [key, text] of Object.entries(zhCN)) expect(text.trim(), key).not.toBe('');
  });

  it('label every role, permission and audit action the server knows', () => {
    const keys = new Set(Object.keys(zhCN));
    const missing = [
      ...SYSTEM_ROLES.map((r) => `systemRole.${r}`),
      ...PERMISSIONS.map((p) => `permission.${p.code}`),
      ...AUDIT_ACTIONS.map((a) => `auditAction.${a}`),
    ].filter((k) => !keys.has(k));
    expect(missing).toEqual([]);
  });
});
