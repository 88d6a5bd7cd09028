import { useState } from 'react';
import { ActionSheet, NavBar, type ActionSheetProps } from 'antd-mobile';
import { MoreOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { logout } from '../../api/auth.ts';
import { useI18n } from '../../app/i18n/I18nProvider.tsx';
import { useSession } from '../../app/session.tsx';
import { toastFailure } from './feedback.ts';

/** The title bar of the phone pages: back (on a job), the title, and a menu for language, desktop and sign-out. */
export function FieldTopBar({ title, onBack }: { title: string; onBack?: () => void }) {
  const { locale, setLocale, t } = useI18n();
  const { clear } = useSession();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);

  const signOut = useMutation({
    mutationFn: logout,
    onSuccess: () => {
      clear('logout');
      navigate('/login', { replace: true });
    },
    onError: (error) => toastFailure(error, t),
  });

  const actions: ActionSheetProps['actions'] = [
    // Named in the language it switches to, as in the console's header.
    { key: 'lang', text: locale === 'zh-CN' ? 'English' : '中文' },
    { key: 'console', text: t('field.console') },
    { key: 'logout', text: t('field.signOut'), danger: true },
  ];

  return (
    <>
      <NavBar
        className="fld-topbar"
        backIcon={onBack ? undefined : false}
        onBack={onBack}
        right={
          <button
            type="button"
            className="fld-icon-button"
            aria-label={t('field.more')}
            onClick={() => setMenuOpen(true)}
            data-testid="field-menu"
          >
            <MoreOutlined />
          </button>
        }
      >
        {title}
      </NavBar>
      <ActionSheet
        visible={menuOpen}
        actions={actions}
        cancelText={t('field.cancel')}
        onClose={() => setMenuOpen(false)}
        onAction={(action) => {
          setMenuOpen(false);
          if (action.key === 'lang') setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN');
          if (action.key === 'console') navigate('/');
          if (action.key === 'logout') signOut.mutate();
        }}
      />
    </>
  );
}
