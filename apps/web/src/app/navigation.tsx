import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClusterOutlined,
  ContactsOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  KeyOutlined,
  MobileOutlined,
  PayCircleOutlined,
  PhoneOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@steward/contracts';
import type { MessageKey } from './i18n/types.ts';

export interface NavItem {
  /** Menu key and the `menu-<key>` test id. */
  key: string;
  path: string;
  /** Both the menu entry and the route are guarded by it; a list means any one of them. */
  permission: Permission | readonly Permission[];
  label: MessageKey;
  icon: ReactNode;
}

export interface NavSection {
  /** A titled group of entries; null for the top entries. */
  title: MessageKey | null;
  items: NavItem[];
}

export const NAVIGATION: readonly NavSection[] = [
  {
    title: null,
    items: [
      {
        key: 'dashboard',
        path: '/',
        permission: 'dashboard.view',
        label: 'menu.dashboard',
        icon: <DashboardOutlined />,
      },
      {
        key: 'kpi-time',
        path: '/dashboard/time-standards',
        permission: 'kpi.view',
        label: 'menu.timeDashboard',
        icon: <BarChartOutlined />,
      },
      {
        key: 'field-jobs',
        path: '/m/jobs',
        permission: 'tickets.work',
        label: 'field.menu',
        icon: <MobileOutlined />,
      },
    ],
  },
  {
    title: 'menu.serviceDesk',
    items: [
      {
        key: 'desk-intake',
        path: '/desk/intake',
        permission: 'tickets.create',
        label: 'menu.intake',
        icon: <PhoneOutlined />,
      },
      {
        key: 'desk-tickets',
        path: '/desk/tickets',
        permission: 'tickets.read',
        label: 'menu.tickets',
        icon: <ProfileOutlined />,
      },
    ],
  },
  {
    title: 'menu.archive',
    items: [
      {
        key: 'property',
        path: '/property',
        permission: 'projects.read',
        label: 'menu.property',
        icon: <ApartmentOutlined />,
      },
      {
        key: 'customers',
        path: '/customers',
        permission: 'customers.read',
        label: 'menu.customers',
        icon: <ContactsOutlined />,
      },
      {
        key: 'import-export',
        path: '/import-export',
        permission: ['archive.import', 'archive.export'],
        label: 'menu.importExport',
        icon: <SwapOutlined />,
      },
    ],
  },
  {
    title: 'menu.servicedesk',
    items: [
      {
        key: 'sd-categories',
        path: '/servicedesk/categories',
        permission: 'servicedesk.configure',
        label: 'menu.sdCategories',
        icon: <AppstoreOutlined />,
      },
      {
        key: 'sd-departments',
        path: '/servicedesk/departments',
        permission: 'servicedesk.configure',
        label: 'menu.sdDepartments',
        icon: <ClusterOutlined />,
      },
      {
        key: 'sd-roster',
        path: '/servicedesk/roster',
        permission: 'servicedesk.configure',
        label: 'menu.sdRoster',
        icon: <CalendarOutlined />,
      },
      {
        key: 'sd-prices',
        path: '/servicedesk/prices',
        permission: 'servicedesk.configure',
        label: 'menu.sdPrices',
        icon: <PayCircleOutlined />,
      },
      {
        // Everyone who works records may read the standards they are measured by; editing is gated in the page.
        key: 'ts-policies',
        path: '/servicedesk/time-policies',
        permission: 'tickets.read',
        label: 'menu.tsPolicies',
        icon: <FieldTimeOutlined />,
      },
      {
        key: 'ts-calendars',
        path: '/servicedesk/calendars',
        permission: 'servicedesk.configure',
        label: 'menu.tsCalendars',
        icon: <ScheduleOutlined />,
      },
    ],
  },
  {
    title: 'menu.admin',
    items: [
      {
        key: 'users',
        path: '/admin/users',
        permission: 'users.read',
        label: 'menu.users',
        icon: <TeamOutlined />,
      },
      {
        key: 'roles',
        path: '/admin/roles',
        permission: 'users.read',
        label: 'menu.roles',
        icon: <SafetyCertificateOutlined />,
      },
      {
        key: 'tokens',
        path: '/admin/tokens',
        permission: 'tokens.manage',
        label: 'menu.tokens',
        icon: <KeyOutlined />,
      },
      {
        key: 'audit',
        path: '/admin/audit',
        permission: 'audit.read',
        label: 'menu.audit',
        icon: <AuditOutlined />,
      },
    ],
  },
];

export const NAV_ITEMS: readonly NavItem[] = NAVIGATION.flatMap((section) => section.items);

/** Pages reached from another page rather than the menu; the menu highlights the entry above them. */
export const DETAIL_ROUTES: readonly Omit<NavItem, 'label' | 'icon'>[] = [
  { key: 'customer', path: '/customers/:id', permission: 'customers.read' },
  { key: 'desk-ticket', path: '/desk/tickets/:id', permission: 'tickets.read' },
];

/** The entry a path belongs to (`/admin/users/…` → users; `/` only matches itself). */
export function navItemFor(pathname: string): NavItem | undefined {
  return NAV_ITEMS.filter((item) =>
    item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`),
  ).sort((a, b) => b.path.length - a.path.length)[0];
}
