import type { servicedeskZhCN } from './servicedesk.zh-CN.ts';

/** en-US strings of the service desk (servicedesk): the same keys as servicedesk.zh-CN.ts. */
export const servicedeskEnUS: Record<keyof typeof servicedeskZhCN, string> = {};
