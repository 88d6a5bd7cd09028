import { App, Button, Card, Flex, Form, Input, Select, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  CONTACT_CHANNELS,
  CONTACT_TOPICS,
  type ContactChannel,
  type ContactTopic,
} from '@steward/contracts/catalogues';
import type { CustomerContact } from '@steward/contracts';
import { addCustomerContact } from '../../../api/customers.ts';
import { queryKeys } from '../../../api/keys.ts';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../../app/errors.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { QuietEmpty } from './QuietEmpty.tsx';

interface Values {
  channel: ContactChannel;
  topic: ContactTopic;
  summary: string;
}

const TOPIC_COLORS: Record<ContactTopic, string> = {
  service: 'blue',
  opinion: 'volcano',
  fee: 'gold',
  other: 'default',
};

function AddContactForm({ customerId }: { customerId: string }) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      addCustomerContact(customerId, { ...values, summary: values.summary.trim() }),
    onSuccess: () => {
      message.success(t('contact.added'));
      form.resetFields(['summary']);
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers.overview(customerId) });
    },
    onError: (error) => applyFieldErrors(form, error),
  });
  return (
    <div style={{ background: '#fafbfc', border: '1px solid #eef0f3', borderRadius: 8, padding: 12 }}>
      <ErrorAlert error={mutation.error} form={form} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'phone', topic: 'service' }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Flex gap={8}>
          <Form.Item name="channel" style={{ marginBottom: 8, width: 130 }}>
            <Select
              options={CONTACT_CHANNELS.map((c) => ({ value: c, label: labels.contactChannel(c) }))}
              data-testid="contact-channel"
            />
          </Form.Item>
          <Form.Item name="topic" style={{ marginBottom: 8, width: 130 }}>
            <Select
              options={CONTACT_TOPICS.map((c) => ({ value: c, label: labels.contactTopic(c) }))}
              data-testid="contact-topic"
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="summary"
          style={{ marginBottom: 8 }}
          rules={[{ required: true, whitespace: true, max: 1000, message: t('contact.summaryRequired') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('contact.summaryPlaceholder')}
            data-testid="contact-summary"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="contact-submit">
          {t('contact.add')}
        </Button>
      </Form>
    </div>
  );
}

/** What was said with the customer and by whom, newest first; staff add a record after each contact. */
export function ContactsCard({
  customerId,
  contacts,
  canManage,
}: {
  customerId: string;
  contacts: CustomerContact[];
  canManage: boolean;
}) {
  const t = useT();
  const labels = useLabels();
  return (
    <Card size="small" title={t('contact.title')} data-testid="customer-contacts">
      <Flex vertical gap={16}>
        {canManage ? <AddContactForm customerId={customerId} /> : null}
        {contacts.length === 0 ? (
          <QuietEmpty text={t('contact.empty')} />
        ) : (
          <Timeline
            items={contacts.map((c) => ({
              key: c.id,
              color: TOPIC_COLORS[c.topic] === 'default' ? 'gray' : 'blue',
              content: (
                <Flex vertical gap={2}>
                  <Flex gap={6} align="center" wrap>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(c.at)}
                    </Typography.Text>
                    <Tag style={{ marginInlineEnd: 0 }}>{labels.contactChannel(c.channel)}</Tag>
                    <Tag color={TOPIC_COLORS[c.topic]} style={{ marginInlineEnd: 0 }}>
                      {labels.contactTopic(c.topic)}
                    </Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.staffName}
                    </Typography.Text>
                  </Flex>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</Typography.Text>
                </Flex>
              ),
            }))}
          />
        )}
      </Flex>
    </Card>
  );
}
