import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@steward/contracts';
import type { MessageKey } from './i18n/types.ts';

export interface NavItem {
  /** Menu key and the `menu-<key>` test id. */
  key: string;
  path: string;
  /** Both the menu entry and the route are guarded by it. */
  permission: Permission;
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
        key: 'projects',
        path: '/projects',
        permission: 'projects.read',
        label: 'menu.projects',
        icon: <ApartmentOutlined />,
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

/** The entry a path belongs to (`/admin/users/…` → users; `/` only matches itself). */
export function navItemFor(pathname: string): NavItem | undefined {
  return NAV_ITEMS.filter((item) =>
    item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`),
  ).sort((a, b) => b.path.length - a.path.length)[0];
}
