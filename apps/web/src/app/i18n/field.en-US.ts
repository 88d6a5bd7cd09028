import type { fieldZhCN } from './field.zh-CN.ts';

/** en-US strings of the service desk (field): the same keys as field.zh-CN.ts. */
export const fieldEnUS: Record<keyof typeof fieldZhCN, string> = {};
