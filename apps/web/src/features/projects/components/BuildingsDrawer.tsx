import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Building, CreateBuildingBody, Project } from '@steward/contracts';
import { queryKeys } from '../../../api/keys.ts';
import { createBuilding } from '../../../api/property.ts';
import { tableEmpty } from '../../../app/components/EmptyState.tsx';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../../app/errors.ts';
import { formatDate } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { useBuildings } from '../hooks.ts';

function AddBuildingForm({ project }: { project: Project }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateBuildingBody>();
  const mutation = useMutation({
    mutationFn: (body: CreateBuildingBody) => createBuilding(project.id, body),
    onSuccess: (building) => {
      message.success(t('building.created', { name: building.name }));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: queryKeys.projects.all });
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <div
      style={{ background: '#fafbfc', border: '1px solid #eef0f3', borderRadius: 8, padding: '12px 12px 0' }}
    >
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        {t('building.add')}
      </Typography.Text>
      <ErrorAlert error={mutation.error} form={form} />
      <Form
        form={form}
        layout="inline"
        onFinish={(values) => mutation.mutate({ code: values.code.trim(), name: values.name.trim() })}
        style={{ rowGap: 12, paddingBottom: 12 }}
      >
        <Form.Item
          name="code"
          rules={[
            { required: true, message: t('building.codeRequired') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, max: 32, message: t('project.codeHelp') },
          ]}
        >
          <Input
            placeholder={t('building.code')}
            style={{ width: 120 }}
            autoComplete="off"
            data-testid="building-code"
          />
        </Form.Item>
        <Form.Item
          name="name"
          rules={[{ required: true, whitespace: true, max: 100, message: t('building.nameRequired') }]}
        >
          <Input
            placeholder={t('building.namePlaceholder')}
            style={{ width: 200 }}
            autoComplete="off"
            data-testid="building-name"
          />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<PlusOutlined />}
            loading={mutation.isPending}
            data-testid="building-add"
          >
            {t('building.addButton')}
          </Button>
        </Form.Item>
      </Form>
    </div>
  );
}

/** A project's buildings, with an "add building" form for project managers. */
export function BuildingsDrawer({
  project,
  canManage,
  onClose,
}: {
  project: Project | null;
  canManage: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const labels = useLabels();
  const buildings = useBuildings(project?.id);

  const columns: TableColumnsType<Building> = [
    { title: t('building.code'), dataIndex: 'code', width: 120 },
    { title: t('building.name'), dataIndex: 'name' },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 120,
      render: (v: string) => formatDate(v),
    },
  ];

  return (
    <Drawer
      open={project !== null}
      onClose={onClose}
      title={project ? t('building.drawerTitle', { name: project.name }) : ''}
      size={560}
      destroyOnHidden
      data-testid="buildings-drawer"
    >
      {project ? (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('project.code')}>{project.code}</Descriptions.Item>
            <Descriptions.Item label={t('project.type')}>
              {labels.projectType(project.type)}
            </Descriptions.Item>
            <Descriptions.Item label={t('project.address')} span={2}>
              {project.address ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          {canManage ? <AddBuildingForm project={project} /> : null}
          <ErrorAlert error={buildings.error} onRetry={() => void buildings.refetch()} />
          <Table<Building>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={buildings.data ?? []}
            loading={buildings.isPending && !buildings.isError}
            pagination={false}
            locale={{ emptyText: tableEmpty(buildings.isPending, t('building.empty')) }}
            data-testid="building-table"
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}
