import type { AuditEntry, AuditQuery, PageOf } from '@steward/contracts';
import { api } from './client.ts';

export const listAudit = (query: AuditQuery) => api.get<PageOf<AuditEntry>>('/api/v1/audit', { ...query });
