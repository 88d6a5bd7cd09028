/** zh-CN strings of the service desk (servicedesk); spread into zh-CN.ts. */
export const servicedeskZhCN = {};
