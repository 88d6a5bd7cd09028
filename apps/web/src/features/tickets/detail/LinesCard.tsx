import { Card, Table, Tag, Tooltip, Typography } from 'antd';
import type { TicketLine } from '@steward/contracts';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { formatFen, formatQuantity } from '../format.ts';
import { useTicketLabels } from '../labels.ts';

/** Paid-service charges and materials used, in yuan (stored as fen), with the total to be charged. */
export function LinesCard({ lines, totalFen }: { lines: TicketLine[]; totalFen: number }) {
  const t = useT();
  const labels = useTicketLabels();
  if (lines.length === 0) return null;
  return (
    <Card size="small" title={t('ticket.lines')} styles={{ body: { padding: 0 } }} data-testid="ticket-lines">
      <Table<TicketLine>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={lines}
        columns={[
          {
            title: t('line.name'),
            dataIndex: 'name',
            render: (name: string, line) => (
              <Tooltip title={`${line.addedBy.name} · ${formatDateTime(line.addedAt)}`}>
                <Tag color={line.kind === 'charge' ? 'gold' : 'default'}>{labels.lineKind(line.kind)}</Tag>
                {name}
              </Tooltip>
            ),
          },
          {
            title: t('line.quantity'),
            key: 'quantity',
            width: 80,
            render: (_v, line) => `${formatQuantity(line.quantity)} ${line.unit}`,
          },
          {
            title: t('line.unitPrice'),
            dataIndex: 'unitPriceFen',
            width: 90,
            align: 'right',
            // Materials used but not charged have no price to show.
            render: (fen: number, line) => (line.kind === 'material' && fen === 0 ? '—' : formatFen(fen)),
          },
          {
            title: t('line.amount'),
            dataIndex: 'amountFen',
            width: 100,
            align: 'right',
            render: (fen: number) => <Typography.Text strong>{formatFen(fen)}</Typography.Text>,
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              {t('ticket.chargeTotal')}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong style={{ fontSize: 15 }} data-testid="ticket-charge-total">
                {formatFen(totalFen)}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}
