import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Flex,
  Progress,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import {
  CheckCircleOutlined,
  DownloadOutlined,
  ExportOutlined,
  FileExcelOutlined,
  InboxOutlined,
  LockOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind } from '@steward/contracts/catalogues';
import type { ImportResult, ImportRowProblem } from '@steward/contracts';
import { downloadImportTemplate, exportArchive, importArchive } from '../../api/customers.ts';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { errorText } from '../../app/errors.ts';
import { useI18n, useT } from '../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../app/i18n/labels.ts';
import { usePermission } from '../../app/session.tsx';
import { useAllProjects } from '../projects/hooks.ts';
import { importProblems, isXlsx } from './importErrors.ts';

/** The columns of a kind's file, required ones marked, in the UI language. */
function Columns({ kind }: { kind: ImportKind }) {
  const { locale } = useI18n();
  return (
    <Flex gap={4} wrap>
      {IMPORT_COLUMNS[kind].map((c) => (
        <Tag key={c.key} color={c.required ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
          {locale === 'zh-CN' ? c.zh : c.en}
          {c.required ? ' *' : ''}
        </Tag>
      ))}
    </Flex>
  );
}

function ImportOutcome({ kind, file, result }: { kind: ImportKind; file: string; result: ImportResult }) {
  const t = useT();
  return (
    <Alert
      type="success"
      showIcon
      icon={<CheckCircleOutlined />}
      title={t('import.done', { count: result.imported, file })}
      description={
        <Flex gap={32} style={{ marginTop: 4 }}>
          <Statistic
            title={t('import.created')}
            value={result.created}
            styles={{ content: { fontSize: 18 } }}
          />
          <Statistic
            title={t('import.updated')}
            value={result.updated}
            styles={{ content: { fontSize: 18 } }}
          />
          <Statistic
            title={t('import.unchanged')}
            value={result.unchanged}
            styles={{ content: { fontSize: 18 } }}
          />
        </Flex>
      }
      data-testid={`import-result-${kind}`}
    />
  );
}

function ImportRejected({ kind, file, rows }: { kind: ImportKind; file: string; rows: ImportRowProblem[] }) {
  const t = useT();
  return (
    <Flex vertical gap={8} data-testid={`import-errors-${kind}`}>
      <Alert
        type="error"
        showIcon
        title={t('import.rejected', { count: rows.length, file })}
        description={t('import.rejectedHelp')}
      />
      <Table<ImportRowProblem & { key: number }>
        size="small"
        bordered
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        dataSource={rows.map((r, i) => ({ ...r, key: i }))}
        columns={[
          {
            title: t('import.row'),
            dataIndex: 'row',
            width: 80,
            align: 'right',
            render: (row: number | null) => row ?? '—',
          },
          {
            title: t('import.column'),
            dataIndex: 'column',
            width: 150,
            render: (column: string | null) => column ?? '—',
          },
          { title: t('import.reason'), dataIndex: 'reason' },
        ]}
        data-testid={`import-error-table-${kind}`}
      />
    </Flex>
  );
}

function ImportSection({ kind }: { kind: ImportKind }) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [percent, setPercent] = useState<number | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);

  const template = useMutation({
    mutationFn: () => downloadImportTemplate(kind, `${labels.importKind(kind)}-template.xlsx`),
    onError: (error) => message.error(errorText(error, t)),
  });
  const upload = useMutation({
    mutationFn: (file: File) => importArchive(kind, file, setPercent),
    onMutate: (file) => {
      setFileName(file.name);
      setPercent(0);
    },
    onSuccess: () => {
      // The archive changed underneath every list and tree.
      for (const key of ['projects', 'houses', 'areas', 'customers', 'tags'])
        void queryClient.invalidateQueries({ queryKey: [key] });
    },
    onSettled: () => setPercent(null),
  });
  const problems = importProblems(upload.error);

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{t('import.title')}</Typography.Text>
        <Button
          size="small"
          icon={<DownloadOutlined />}
          loading={template.isPending}
          onClick={() => template.mutate()}
          data-testid={`import-template-${kind}`}
        >
          {t('import.template')}
        </Button>
      </Flex>
      <div data-testid={`import-upload-${kind}`}>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            if (!isXlsx(file.name)) {
              message.error(t('import.onlyXlsx'));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file }) => upload.mutate(file as File)}
        >
          <Flex vertical align="center" gap={4} style={{ padding: '4px 0' }}>
            <InboxOutlined style={{ fontSize: 28, color: '#155eef' }} />
            <Typography.Text>{t('import.drop')}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('import.dropHelp')}
            </Typography.Text>
          </Flex>
        </Upload.Dragger>
      </div>
      {percent !== null ? (
        <Flex vertical gap={2}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <FileExcelOutlined /> {fileName}
            {percent >= 100 ? ` · ${t('import.checking')}` : ''}
          </Typography.Text>
          <Progress
            percent={percent}
            size="small"
            status={percent >= 100 ? 'active' : 'normal'}
            data-testid={`import-progress-${kind}`}
          />
        </Flex>
      ) : null}
      {upload.isSuccess ? <ImportOutcome kind={kind} file={fileName ?? ''} result={upload.data} /> : null}
      {problems ? (
        <ImportRejected kind={kind} file={fileName ?? ''} rows={problems} />
      ) : (
        <ErrorAlert error={upload.error} />
      )}
    </Flex>
  );
}

function ExportSection({ kind }: { kind: ImportKind }) {
  const t = useT();
  const labels = useLabels();
  const can = usePermission();
  const { message } = App.useApp();
  const projects = useAllProjects(can('projects.read'));
  const [projectId, setProjectId] = useState<string>();
  const full = can('customers.reveal');
  const exporting = useMutation({
    mutationFn: () => exportArchive(kind, { projectId }, `${labels.importKind(kind)}.xlsx`),
    onSuccess: (name) => message.success(t('export.done', { name })),
    onError: (error) => message.error(errorText(error, t)),
  });
  const hasPii = IMPORT_COLUMNS[kind].some((c) => c.pii);

  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>{t('export.title')}</Typography.Text>
      <Flex gap={8} wrap>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('export.allProjects')}
          value={projectId}
          onChange={setProjectId}
          options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          style={{ width: 200 }}
          data-testid={`export-project-${kind}`}
        />
        <Button
          icon={<ExportOutlined />}
          loading={exporting.isPending}
          onClick={() => exporting.mutate()}
          data-testid={`export-${kind}`}
        >
          {t('export.button')}
        </Button>
      </Flex>
      {hasPii ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`export-pii-${kind}`}>
          {full ? <UnlockOutlined /> : <LockOutlined />} {full ? t('export.piiFull') : t('export.piiMasked')}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('export.audited')}
      </Typography.Text>
    </Flex>
  );
}

/** Excel import and export of the archive: houses (with their projects, buildings, units) and customers. */
export function ImportExportPage() {
  const t = useT();
  const labels = useLabels();
  const can = usePermission();
  const canImport = can('archive.import');
  const canExport = can('archive.export');

  return (
    <>
      <PageHeader title={t('menu.importExport')} description={t('import.pageDescription')} />
      {canImport ? (
        <Alert type="info" showIcon title={t('import.order')} style={{ marginBottom: 12 }} />
      ) : null}
      <Row gutter={[12, 12]}>
        {IMPORT_KINDS.map((kind, i) => (
          <Col key={kind} xs={24} xl={12}>
            <Card
              size="small"
              title={
                <Flex gap={8} align="center">
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {i + 1}
                  </Tag>
                  {labels.importKind(kind)}
                </Flex>
              }
              style={{ height: '100%' }}
              data-testid={`archive-card-${kind}`}
            >
              <Flex vertical gap={8}>
                <Typography.Text type="secondary">{t(`importKind.${kind}.help`)}</Typography.Text>
                <Columns kind={kind} />
                {canImport ? (
                  <>
                    <Divider style={{ margin: '8px 0' }} />
                    <ImportSection kind={kind} />
                  </>
                ) : null}
                {canExport ? (
                  <>
                    <Divider style={{ margin: '8px 0' }} />
                    <ExportSection kind={kind} />
                  </>
                ) : null}
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
