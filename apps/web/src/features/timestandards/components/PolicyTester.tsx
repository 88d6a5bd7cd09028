import { useState } from 'react';
import { Card, Col, Flex, Row, Select, Spin, Tag, TreeSelect, Typography } from 'antd';
import type { PolicyMatchQuery } from '@steward/contracts';
import { TICKET_TYPES, URGENCIES } from '@steward/contracts/catalogues';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { useAllProjects } from '../../projects/hooks.ts';
import { useCategoryList, useDeskLabels } from '../../servicedesk/hooks.ts';
import { useTicketLabels } from '../../tickets/labels.ts';
import { CLOCK_ORDER } from '../durations.ts';
import { useCalendars, usePolicyMatch, useTimeFormat } from '../hooks.ts';
import { categoryOptions } from './options.ts';

/** "Which standard applies?": the four traits of a record in, the standard intake would use out. */
export function PolicyTester() {
  const t = useT();
  const labels = useLabels();
  const ticketLabels = useTicketLabels();
  const deskLabels = useDeskLabels();
  const format = useTimeFormat();
  const categories = useCategoryList();
  const projects = useAllProjects();
  const calendars = useCalendars();
  const [query, setQuery] = useState<Partial<PolicyMatchQuery>>({ urgency: 'general' });
  const result = usePolicyMatch(query);
  const set = (patch: Partial<PolicyMatchQuery>) => setQuery((q) => ({ ...q, ...patch }));
  const policy = result.data;
  const calendar = policy ? calendars.byId.get(policy.calendarId) : undefined;

  return (
    <Card size="small" title={t('tsTester.title')} style={{ marginBottom: 16 }} data-testid="policy-tester">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('tsTester.help')}
      </Typography.Paragraph>
      <Row gutter={[8, 8]}>
        <Col xs={12} lg={5}>
          <Select
            value={query.type}
            onChange={(type) => set({ type })}
            placeholder={t('tsPolicy.type')}
            options={TICKET_TYPES.map((type) => ({ value: type, label: ticketLabels.type(type) }))}
            style={{ width: '100%' }}
            data-testid="tester-type"
          />
        </Col>
        <Col xs={12} lg={7}>
          <TreeSelect
            value={query.categoryId}
            onChange={(categoryId: string) => set({ categoryId })}
            placeholder={t('tsPolicy.category')}
            treeData={categoryOptions(categories.tree, deskLabels.categoryName)}
            showSearch={{ treeNodeFilterProp: 'title' }}
            popupMatchSelectWidth={false}
            style={{ width: '100%' }}
            data-testid="tester-category"
          />
        </Col>
        <Col xs={12} lg={5}>
          <Select
            value={query.urgency}
            onChange={(urgency) => set({ urgency })}
            placeholder={t('tsPolicy.urgency')}
            options={URGENCIES.map((u) => ({ value: u, label: ticketLabels.urgency(u) }))}
            style={{ width: '100%' }}
            data-testid="tester-urgency"
          />
        </Col>
        <Col xs={12} lg={7}>
          <Select
            value={query.projectId}
            onChange={(projectId) => set({ projectId })}
            placeholder={t('tsPolicy.project')}
            options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            data-testid="tester-project"
          />
        </Col>
      </Row>
      <Flex align="center" gap={8} wrap style={{ marginTop: 12, minHeight: 24 }} data-testid="tester-result">
        {result.isFetching ? <Spin size="small" /> : null}
        {!result.isFetching && policy ? (
          <>
            <Typography.Text>{t('tsTester.result')}</Typography.Text>
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {policy.name}
            </Tag>
            <Typography.Text type="secondary">
              {CLOCK_ORDER.map(
                (kind) => `${labels.clock(kind)} ${format.duration(policy.clocks[kind], calendar)}`,
              ).join(' · ')}
            </Typography.Text>
          </>
        ) : null}
        {!result.isFetching && !policy && !result.isError ? (
          <Typography.Text type="secondary">{t('tsTester.pick')}</Typography.Text>
        ) : null}
      </Flex>
      {result.isError ? <ErrorAlert error={result.error} /> : null}
    </Card>
  );
}
