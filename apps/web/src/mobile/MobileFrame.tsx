import type { CSSProperties, ReactNode } from 'react';
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { createRoot, type Root } from 'react-dom/client';
import { useI18n } from '../app/i18n/I18nProvider.tsx';
import { theme } from '../app/theme.ts';

/*
 * antd-mobile's Toast and Dialog mount themselves with ReactDOM.render, which React 19 removed;
 * this hands them createRoot instead (the hook antd-mobile provides for React 19).
 */
const roots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  const root = roots.get(container) ?? createRoot(container);
  roots.set(container, root);
  root.render(node);
  return async () => {
    // Unmounting during antd-mobile's own render would warn; let it finish first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});

const frameStyle = {
  maxWidth: 560,
  minHeight: '100%',
  margin: '0 auto',
  background: '#f3f4f6',
  // Larger type than the console: read at arm's length, outdoors.
  '--adm-font-size-main': '16px',
  '--adm-color-primary': theme.token?.colorPrimary,
  // The console's font stack, so Latin text in buttons matches the text around them.
  '--adm-font-family': theme.token?.fontFamily,
  fontFamily: theme.token?.fontFamily,
  fontSize: 16,
} as CSSProperties;

/** The phone pages' frame: antd-mobile in the UI language, a single column even on a desk screen. */
export function MobileFrame({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS}>
      <div style={frameStyle}>{children}</div>
    </ConfigProvider>
  );
}
