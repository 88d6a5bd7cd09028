import { useMemo, useState } from 'react';
import { Layout, Menu, type MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Brand } from './components/Brand.tsx';
import { HeaderBar } from './components/HeaderBar.tsx';
import { useT } from './i18n/I18nProvider.tsx';
import { NAVIGATION, navItemFor } from './navigation.tsx';
import { usePermission } from './session.tsx';

type MenuItem = Required<MenuProps>['items'][number];

/** The signed-in frame: a menu of what the user's permissions allow, a header, and the page. */
export function AppShell() {
  const t = useT();
  const can = usePermission();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo<MenuItem[]>(() => {
    const result: MenuItem[] = [];
    for (const section of NAVIGATION) {
      const entries: MenuItem[] = section.items
        .filter((item) => can(item.permission))
        .map((item) => ({
          key: item.path,
          icon: item.icon,
          label: <span data-testid={`menu-${item.key}`}>{t(item.label)}</span>,
        }));
      if (entries.length === 0) continue;
      if (!section.title) result.push(...entries);
      // A collapsed menu has no room for group titles; a rule separates the sections instead.
      else if (collapsed) result.push({ type: 'divider', key: `${section.title}-divider` }, ...entries);
      else result.push({ type: 'group', key: section.title, label: t(section.title), children: entries });
    }
    return result;
  }, [can, t, collapsed]);

  const selected = navItemFor(location.pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={220}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        theme="light"
        style={{
          borderRight: '1px solid #eef0f3',
          position: 'sticky',
          top: 0,
          height: '100vh',
        }}
      >
        {/* The menu scrolls above the collapse button: a long menu's last entries stay reachable. */}
        <div style={{ height: '100%', overflowY: 'auto' }}>
          <Brand collapsed={collapsed} />
          <Menu
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected.path] : []}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 'none' }}
            data-testid="main-menu"
          />
        </div>
      </Layout.Sider>
      <Layout>
        <HeaderBar />
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
