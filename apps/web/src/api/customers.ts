import type {
  AddRelationBody,
  CreateContactBody,
  CreateCustomerBody,
  CreateTagBody,
  Customer,
  CustomerContact,
  CustomerDocument,
  CustomerListQuery,
  CustomerOverview,
  DocumentPurpose,
  ImportKind,
  ImportResult,
  PageOf,
  RevealBody,
  RevealResponse,
  Tag,
  TagList,
  UpdateCustomerBody,
  UpdateRelationBody,
} from '@steward/contracts';
import { api, download, upload } from './client.ts';

export const listCustomers = (query: CustomerListQuery) =>
  api.get<PageOf<Customer>>('/api/v1/customers', { ...query });

export const getCustomer = (id: string) => api.get<Customer>(`/api/v1/customers/${id}`);

export const getCustomerOverview = (id: string) =>
  api.get<CustomerOverview>(`/api/v1/customers/${id}/overview`);

export const createCustomer = (body: CreateCustomerBody, idempotencyKey: string) =>
  api.post<Customer>('/api/v1/customers', body, { headers: { 'Idempotency-Key': idempotencyKey } });

export const updateCustomer = (id: string, body: UpdateCustomerBody) =>
  api.patch<Customer>(`/api/v1/customers/${id}`, body);

export const addCustomerHouse = (id: string, body: AddRelationBody) =>
  api.post<Customer>(`/api/v1/customers/${id}/houses`, body);

export const updateCustomerHouse = (id: string, relationId: string, body: UpdateRelationBody) =>
  api.patch<Customer>(`/api/v1/customers/${id}/houses/${relationId}`, body);

export const removeCustomerHouse = (id: string, relationId: string) =>
  api.delete<Customer>(`/api/v1/customers/${id}/houses/${relationId}`);

export const revealCustomerField = (id: string, body: RevealBody) =>
  api.post<RevealResponse>(`/api/v1/customers/${id}/reveal`, body);

export const addCustomerContact = (id: string, body: CreateContactBody) =>
  api.post<CustomerContact>(`/api/v1/customers/${id}/contacts`, body);

export interface DocumentUpload {
  purpose: DocumentPurpose;
  purposeText?: string;
  file: File;
}

/** Text fields first: the server needs the purpose before it stamps the file. */
export const uploadCustomerDocument = (
  id: string,
  { purpose, purposeText, file }: DocumentUpload,
  onProgress?: (percent: number) => void,
) =>
  upload<CustomerDocument>(
    `/api/v1/customers/${id}/documents`,
    [
      ['purpose', purpose],
      ...(purposeText ? [['purposeText', purposeText] as [string, string]] : []),
      ['file', file, file.name],
    ],
    onProgress,
  );

/** The watermarked copy, as an image URL the browser fetches with the session cookie. */
export const customerDocumentUrl = (id: string, documentId: string) =>
  `/api/v1/customers/${id}/documents/${documentId}/file`;

export const deleteCustomerDocument = (id: string, documentId: string) =>
  api.delete<null>(`/api/v1/customers/${id}/documents/${documentId}`);

export const listTags = async (): Promise<Tag[]> => (await api.get<TagList>('/api/v1/tags')).items;

export const createTag = (body: CreateTagBody) => api.post<Tag>('/api/v1/tags', body);

export const downloadImportTemplate = (kind: ImportKind, fallbackName: string) =>
  download(`/api/v1/imports/${kind}/template.xlsx`, undefined, fallbackName);

export const importArchive = (kind: ImportKind, file: File, onProgress?: (percent: number) => void) =>
  upload<ImportResult>(`/api/v1/imports/${kind}`, [['file', file, file.name]], onProgress);

export const exportArchive = (
  kind: ImportKind,
  query: { projectId?: string; buildingId?: string },
  fallbackName: string,
) => download(`/api/v1/exports/${kind}.xlsx`, query, fallbackName);
