import type { zhCN } from './zh-CN.ts';

/** Every UI string has a key in zh-CN; en-US must provide exactly the same keys (checked by the compiler). */
export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
export type MessageParams = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: MessageParams) => string;
