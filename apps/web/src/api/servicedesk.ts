import type {
  Category,
  CategoryList,
  CreateCategoryBody,
  CreateDepartmentBody,
  CreateDutyShiftBody,
  CreatePriceItemBody,
  Department,
  DepartmentList,
  DutyShift,
  DutyShiftList,
  DutyShiftQuery,
  PriceItem,
  PriceItemList,
  StaffList,
  StaffProfile,
  UpdateCategoryBody,
  UpdateDepartmentBody,
  UpdatePriceItemBody,
  UpdateStaffBody,
} from '@steward/contracts';
import { api, request } from './client.ts';

/**
 * Query keys of the service desk's configuration. `categories` and `departments` are the same keys
 * (holding the same arrays) as the ticket pages use, so an edit here refreshes their pickers too.
 */
export const servicedeskKeys = {
  categories: ['categories'] as const,
  departments: ['departments'] as const,
  /** Staff lists carry departments' member counts' inputs: writes invalidate `departments` too. */
  staff: ['staff'] as const,
  shifts: {
    all: ['duty-shifts'] as const,
    week: (query: DutyShiftQuery) => ['duty-shifts', query] as const,
  },
  priceItems: ['price-items'] as const,
};

export const listCategories = async (): Promise<Category[]> =>
  (await api.get<CategoryList>('/api/v1/categories')).items;

export const createCategory = (body: CreateCategoryBody) => api.post<Category>('/api/v1/categories', body);

export const updateCategory = (id: string, body: UpdateCategoryBody) =>
  api.patch<Category>(`/api/v1/categories/${id}`, body);

export const listDepartments = async (): Promise<Department[]> =>
  (await api.get<DepartmentList>('/api/v1/departments')).items;

export const createDepartment = (body: CreateDepartmentBody) =>
  api.post<Department>('/api/v1/departments', body);

export const updateDepartment = (id: string, body: UpdateDepartmentBody) =>
  api.patch<Department>(`/api/v1/departments/${id}`, body);

/** Every staff member with their profile (those without a department too). */
export const listStaff = async (): Promise<StaffProfile[]> =>
  (await api.get<StaffList>('/api/v1/staff')).items;

export const updateStaff = (userId: string, body: UpdateStaffBody) =>
  request<StaffProfile>('PUT', `/api/v1/staff/${userId}`, { body });

export const listDutyShifts = async (query: DutyShiftQuery): Promise<DutyShift[]> =>
  (await api.get<DutyShiftList>('/api/v1/duty-shifts', { ...query })).items;

export const createDutyShift = (body: CreateDutyShiftBody) =>
  api.post<DutyShift>('/api/v1/duty-shifts', body);

export const deleteDutyShift = (id: string) => api.delete<unknown>(`/api/v1/duty-shifts/${id}`);

export const listPriceItems = async (): Promise<PriceItem[]> =>
  (await api.get<PriceItemList>('/api/v1/price-items')).items;

export const createPriceItem = (body: CreatePriceItemBody) =>
  api.post<PriceItem>('/api/v1/price-items', body);

export const updatePriceItem = (id: string, body: UpdatePriceItemBody) =>
  api.patch<PriceItem>(`/api/v1/price-items/${id}`, body);
