import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Image,
  Input,
  List,
  Popconfirm,
  Progress,
  Select,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DeleteOutlined, EyeOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DOCUMENT_PURPOSES, type DocumentPurpose } from '@steward/contracts/catalogues';
import type { CustomerDocument } from '@steward/contracts';
import {
  customerDocumentUrl,
  deleteCustomerDocument,
  uploadCustomerDocument,
  type DocumentUpload,
} from '../../../api/customers.ts';
import { queryKeys } from '../../../api/keys.ts';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { errorText } from '../../../app/errors.ts';
import { formatDateTime, formatFileSize } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { QuietEmpty } from './QuietEmpty.tsx';

export const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Why a picked file cannot be sent, or null when it can. */
export function documentProblem(file: { type: string; size: number }): 'type' | 'size' | null {
  if (!DOCUMENT_TYPES.includes(file.type)) return 'type';
  if (file.size > DOCUMENT_MAX_BYTES) return 'size';
  return null;
}

function UploadForm({ customerId }: { customerId: string }) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [purpose, setPurpose] = useState<DocumentPurpose>();
  const [purposeText, setPurposeText] = useState('');
  const [percent, setPercent] = useState<number | null>(null);
  const needsText = purpose === 'other';
  const ready = Boolean(purpose) && (!needsText || purposeText.trim().length > 0);

  const mutation = useMutation({
    mutationFn: (input: DocumentUpload) => uploadCustomerDocument(customerId, input, setPercent),
    onSuccess: (doc) => {
      message.success(t('document.uploaded', { stamp: doc.stampText }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers.overview(customerId) });
    },
    onSettled: () => setPercent(null),
  });

  return (
    <div style={{ background: '#fafbfc', border: '1px solid #eef0f3', borderRadius: 8, padding: 12 }}>
      <ErrorAlert error={mutation.error} />
      <Flex gap={8} wrap align="center">
        <Select
          value={purpose}
          onChange={setPurpose}
          placeholder={t('document.purposePlaceholder')}
          options={DOCUMENT_PURPOSES.map((p) => ({ value: p, label: labels.documentPurpose(p) }))}
          style={{ width: 170 }}
          data-testid="document-purpose"
        />
        {needsText ? (
          <Input
            value={purposeText}
            onChange={(e) => setPurposeText(e.target.value)}
            maxLength={20}
            placeholder={t('document.purposeTextPlaceholder')}
            style={{ width: 180 }}
            data-testid="document-purpose-text"
          />
        ) : null}
        <Upload
          accept={DOCUMENT_TYPES.join(',')}
          showUploadList={false}
          disabled={!ready || mutation.isPending}
          beforeUpload={(file) => {
            const problem = documentProblem(file);
            if (problem) {
              message.error(t(problem === 'type' ? 'document.badType' : 'document.tooLarge'));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file }) => {
            mutation.mutate({
              purpose: purpose!,
              purposeText: needsText ? purposeText.trim() : undefined,
              file: file as File,
            });
          }}
        >
          <Button
            icon={<UploadOutlined />}
            disabled={!ready}
            loading={mutation.isPending}
            data-testid="document-upload"
          >
            {t('document.upload')}
          </Button>
        </Upload>
      </Flex>
      {percent !== null ? <Progress percent={percent} size="small" style={{ marginTop: 8 }} /> : null}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 8 }}>
        <SafetyCertificateOutlined /> {t('document.watermarkHelp')}
      </Typography.Text>
    </div>
  );
}

/**
 * Copies of ID documents. The server stamps every stored copy "复印件仅供办理××之用" for the
 * purpose it was taken for; viewing a copy needs the reveal permission.
 */
export function DocumentsCard({
  customerId,
  documents,
  canManage,
  canReveal,
}: {
  customerId: string;
  documents: CustomerDocument[];
  canManage: boolean;
  canReveal: boolean;
}) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [previewing, setPreviewing] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (documentId: string) => deleteCustomerDocument(customerId, documentId),
    onSuccess: () => {
      message.success(t('document.deleted'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers.overview(customerId) });
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  return (
    <Card size="small" title={t('document.title')} data-testid="customer-documents">
      <Flex vertical gap={12}>
        {canManage ? <UploadForm customerId={customerId} /> : null}
        {documents.length === 0 ? (
          <QuietEmpty text={t('document.empty')} />
        ) : (
          <List<CustomerDocument>
            size="small"
            dataSource={documents}
            renderItem={(doc) => (
              <List.Item
                key={doc.id}
                actions={[
                  canReveal ? (
                    <Button
                      key="view"
                      type="link"
                      size="small"
                      icon={<EyeOutlined />}
                      onClick={() => setPreviewing(doc.id)}
                      data-testid={`document-view-${doc.id}`}
                    >
                      {t('document.view')}
                    </Button>
                  ) : null,
                  canManage ? (
                    <Popconfirm
                      key="delete"
                      title={t('document.deleteConfirm')}
                      onConfirm={() => remove.mutate(doc.id)}
                    >
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.remove')}
                      />
                    </Popconfirm>
                  ) : null,
                ].filter(Boolean)}
              >
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Flex gap={6} align="center" wrap>
                    <Typography.Text strong>{labels.documentPurpose(doc.purpose)}</Typography.Text>
                    <Tag color="green" icon={<SafetyCertificateOutlined />} style={{ marginInlineEnd: 0 }}>
                      {t('document.watermarked')}
                    </Tag>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    “{doc.stampText}”
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(doc.createdAt)} · {doc.uploadedBy} · {formatFileSize(doc.sizeBytes)} ·{' '}
                    {doc.width}×{doc.height}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
        {!canReveal && documents.length > 0 ? (
          <Alert type="info" showIcon title={t('document.noRevealPermission')} />
        ) : null}
      </Flex>
      {previewing ? (
        <Image
          style={{ display: 'none' }}
          src={customerDocumentUrl(customerId, previewing)}
          preview={{
            open: true,
            onOpenChange: (open) => {
              if (!open) setPreviewing(null);
            },
          }}
        />
      ) : null}
    </Card>
  );
}
