import { App, Button, Col, Divider, Flex, Form, Input, Row, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DataScope, User } from '@steward/contracts';
import { createUser, updateUser } from '../../../api/access.ts';
import { queryKeys } from '../../../api/keys.ts';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { applyFieldErrors, errorText, isApiError } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useCurrentUser } from '../../../app/session.tsx';
import { newPasswordRules } from '../../../app/passwordRules.ts';
import { usernameRules } from '../../auth/usernameRules.ts';
import { useRoleOptions } from '../../roles/hooks.ts';
import { ScopeEditor } from './ScopeEditor.tsx';

interface UserFormValues {
  username: string;
  displayName: string;
  phone?: string;
  email?: string;
  password?: string;
  roles: string[];
  mustChangePassword: boolean;
  scope: DataScope;
}

interface Props {
  /** The user being edited; absent when creating one. */
  user?: User;
  onDone: () => void;
  /** Called with the server's message when someone else saved the user first. */
  onConflict?: (message: string) => void;
}

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);
/** Keep chosen projects while "all projects" is on, but do not send them. */
const normaliseScope = (scope: DataScope): DataScope => (scope.all ? { all: true, projects: [] } : scope);

export function UserForm({ user, onDone, onConflict }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const [form] = Form.useForm<UserFormValues>();
  const roles = useRoleOptions();
  const editing = Boolean(user);

  const mutation = useMutation({
    mutationFn: (values: UserFormValues) => {
      const common = {
        displayName: values.displayName.trim(),
        phone: blankToNull(values.phone),
        email: blankToNull(values.email),
        roles: values.roles,
        scope: normaliseScope(values.scope),
      };
      if (user) return updateUser(user.id, { version: user.version, ...common });
      return createUser({
        ...common,
        username: values.username.trim(),
        password: values.password ?? '',
        mustChangePassword: values.mustChangePassword,
      });
    },
    onSuccess: (saved) => {
      message.success(t(editing ? 'user.saved' : 'user.created', { name: saved.displayName }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.all });
      // Editing oneself changes one's own roles or scope: refresh the session (menu, guards).
      if (saved.id === me.id) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      onDone();
    },
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.users.all });
        onConflict?.(errorText(error, t));
        return;
      }
      applyFieldErrors(form, error);
    },
  });

  const initialValues: UserFormValues = user
    ? {
        username: user.username,
        displayName: user.displayName,
        phone: user.phone ?? '',
        email: user.email ?? '',
        roles: user.roles,
        mustChangePassword: user.mustChangePassword,
        scope: user.scope,
      }
    : {
        username: '',
        displayName: '',
        roles: [],
        mustChangePassword: true,
        scope: { all: false, projects: [] },
      };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => mutation.mutate(values)}
    >
      {isApiError(mutation.error, 'VERSION_CONFLICT') ? null : (
        <ErrorAlert error={mutation.error} form={form} />
      )}
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="username"
            label={t('user.username')}
            rules={editing ? [] : usernameRules(t)}
            extra={editing ? t('user.usernameFixed') : t('user.usernameHelp')}
          >
            <Input
              disabled={editing}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              data-testid="user-username"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="displayName"
            label={t('user.displayName')}
            rules={[{ required: true, whitespace: true, max: 50, message: t('user.displayNameRequired') }]}
          >
            <Input autoComplete="off" data-testid="user-display-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="phone"
            label={t('user.phone')}
            rules={[{ pattern: /^[0-9+\- ()]*$/, max: 32, message: t('user.phoneInvalid') }]}
          >
            <Input autoComplete="off" inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="email"
            label={t('user.email')}
            rules={[{ type: 'email', max: 200, message: t('user.emailInvalid') }]}
          >
            <Input autoComplete="off" inputMode="email" />
          </Form.Item>
        </Col>
        {editing ? null : (
          <>
            <Col xs={24} sm={12}>
              <Form.Item
                name="password"
                label={t('user.initialPassword')}
                extra={t('password.rule')}
                rules={newPasswordRules(t)}
              >
                <Input.Password autoComplete="new-password" data-testid="user-password" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="mustChangePassword"
                label={t('user.mustChangePassword')}
                valuePropName="checked"
                extra={t('user.mustChangePasswordHelp')}
              >
                <Switch data-testid="user-must-change" />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      <Form.Item
        name="roles"
        label={t('user.roles')}
        rules={[{ required: true, type: 'array', min: 1, message: t('user.rolesRequired') }]}
      >
        <Select
          mode="multiple"
          options={roles.options}
          loading={roles.isPending}
          optionFilterProp="label"
          placeholder={t('user.rolesPlaceholder')}
          data-testid="user-roles"
        />
      </Form.Item>
      <Divider titlePlacement="start" plain style={{ margin: '8px 0 16px' }}>
        {t('user.scope')}
      </Divider>
      <Form.Item name="scope" extra={t('user.scopeHelp')}>
        <ScopeEditor />
      </Form.Item>
      <Flex
        justify="flex-end"
        gap={8}
        style={{
          position: 'sticky',
          bottom: 0,
          background: '#fff',
          padding: '12px 0 16px',
          borderTop: '1px solid #f0f0f0',
          zIndex: 1,
        }}
      >
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="user-save">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
