import type {
  AreaListQuery,
  AuditQuery,
  CustomerListQuery,
  HouseListQuery,
  ProjectListQuery,
  UserListQuery,
} from '@steward/contracts';

type Filters<T> = Omit<T, 'cursor' | 'limit'>;

/** Query keys in one place, so a write can invalidate exactly what it changed. */
export const queryKeys = {
  setup: ['setup'] as const,
  me: ['me'] as const,
  users: {
    all: ['users'] as const,
    list: (filters: Filters<UserListQuery>) => ['users', 'list', filters] as const,
    detail: (id: string) => ['users', 'detail', id] as const,
    options: ['users', 'options'] as const,
  },
  roles: ['roles'] as const,
  tokens: ['tokens'] as const,
  projects: {
    all: ['projects'] as const,
    list: (filters: Filters<ProjectListQuery>) => ['projects', 'list', filters] as const,
    everything: ['projects', 'everything'] as const,
    buildings: (projectId: string) => ['projects', 'buildings', projectId] as const,
    tree: (projectId: string) => ['projects', 'tree', projectId] as const,
  },
  /** Houses and areas change the tree's counts: writes invalidate `projects.all` too. */
  houses: {
    all: ['houses'] as const,
    list: (filters: Filters<HouseListQuery>) => ['houses', 'list', filters] as const,
  },
  areas: {
    all: ['areas'] as const,
    list: (filters: Filters<AreaListQuery>) => ['areas', 'list', filters] as const,
  },
  customers: {
    all: ['customers'] as const,
    list: (filters: Filters<CustomerListQuery>) => ['customers', 'list', filters] as const,
    overview: (id: string) => ['customers', 'overview', id] as const,
  },
  tags: ['tags'] as const,
  audit: (filters: Filters<AuditQuery>) => ['audit', filters] as const,
};
