/** zh-CN strings of the service desk (field); spread into zh-CN.ts. */
export const fieldZhCN = {};
