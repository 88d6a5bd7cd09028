import { useState } from 'react';
import { App, Button, Card, Flex, Image, Select, Tag, Typography, Upload } from 'antd';
import { FileOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ATTACHMENT_STAGES, type AttachmentStage } from '@steward/contracts/catalogues';
import type { TicketAttachment } from '@steward/contracts';
import { attachmentUrl, ticketKeys, uploadAttachment } from '../../../api/tickets.ts';
import { errorText } from '../../../app/errors.ts';
import { formatFileSize } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { QuietEmpty } from '../../customers/components/QuietEmpty.tsx';
import { useTicketLabels } from '../labels.ts';

const BROWSER_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf';
/** Stages a desk agent files photos under; signatures come from the customer's own screen. */
const DESK_STAGES: readonly AttachmentStage[] = ATTACHMENT_STAGES.filter((s) => s !== 'signature');

function Thumb({ attachment }: { attachment: TicketAttachment }) {
  const labels = useTicketLabels();
  const caption = (
    <Flex vertical gap={0} style={{ width: 104 }}>
      <Tag style={{ marginInlineEnd: 0, alignSelf: 'flex-start' }}>
        {labels.attachmentStage(attachment.stage)}
      </Tag>
      <Typography.Text type="secondary" ellipsis={{ tooltip: attachment.fileName }} style={{ fontSize: 12 }}>
        {attachment.fileName}
      </Typography.Text>
    </Flex>
  );
  if (!attachment.hasThumbnail) {
    return (
      <Flex vertical gap={4} data-testid="attachment">
        <a href={attachmentUrl(attachment.id)} target="_blank" rel="noreferrer">
          <Flex
            align="center"
            justify="center"
            vertical
            style={{
              width: 104,
              height: 104,
              border: '1px solid #eef0f3',
              borderRadius: 6,
              background: '#fafafa',
            }}
          >
            <FileOutlined style={{ fontSize: 28, color: '#8c8c8c' }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatFileSize(attachment.size)}
            </Typography.Text>
          </Flex>
        </a>
        {caption}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={4} data-testid="attachment">
      <Image
        width={104}
        height={104}
        src={attachmentUrl(attachment.id, 'thumb')}
        // Browsers cannot draw HEIC: its preview is the server's (WebP) thumbnail instead.
        preview={{
          src: BROWSER_IMAGES.has(attachment.contentType)
            ? attachmentUrl(attachment.id)
            : attachmentUrl(attachment.id, 'thumb'),
        }}
        alt={attachment.fileName}
        style={{ objectFit: 'cover', borderRadius: 6 }}
      />
      {caption}
    </Flex>
  );
}

/** Photos and files of the record: thumbnails that open full size, and an upload filed under a stage. */
export function AttachmentsCard({
  ticketId,
  attachments,
  canUpload,
}: {
  ticketId: string;
  attachments: TicketAttachment[];
  canUpload: boolean;
}) {
  const t = useT();
  const labels = useTicketLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<AttachmentStage>('intake');
  const [progress, setProgress] = useState<number | null>(null);

  const upload = async (file: File) => {
    setProgress(0);
    try {
      await uploadAttachment(ticketId, stage, file, setProgress);
      message.success(t('attachment.uploaded', { name: file.name }));
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(ticketId) });
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Card
      size="small"
      title={`${t('ticket.attachments')} (${attachments.length})`}
      data-testid="ticket-attachments"
      extra={
        canUpload ? (
          <Flex gap={6}>
            <Select
              size="small"
              value={stage}
              onChange={setStage}
              options={DESK_STAGES.map((s) => ({ value: s, label: labels.attachmentStage(s) }))}
              style={{ width: 100 }}
              data-testid="attachment-stage"
            />
            <Upload
              accept={ACCEPT}
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button
                size="small"
                icon={<UploadOutlined />}
                loading={progress !== null}
                data-testid="attachment-upload"
              >
                {progress !== null ? `${progress}%` : t('attachment.upload')}
              </Button>
            </Upload>
          </Flex>
        ) : null
      }
    >
      {attachments.length === 0 ? (
        <QuietEmpty text={t('attachment.empty')} />
      ) : (
        <Image.PreviewGroup>
          <Flex gap={10} wrap>
            {attachments.map((a) => (
              <Thumb key={a.id} attachment={a} />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}
