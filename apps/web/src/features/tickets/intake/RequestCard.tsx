import { useMemo, type Ref } from 'react';
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import type { Dayjs } from 'dayjs';
import type { Area, Department, DispatchSuggestion, Project } from '@steward/contracts';
import type { Urgency } from '@steward/contracts/catalogues';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { CategoryPicker, type CategoryPickerRef } from '../components/CategoryPicker.tsx';
import { TypeSwitch } from '../components/TypeSwitch.tsx';
import { UrgencySwitch } from '../components/UrgencySwitch.tsx';
import {
  defaultPromiseMinutes,
  findEmergencyWords,
  isAnsweredOnSpot,
  type CategoryNode,
  type DraftProblem,
  type IntakeDraft,
} from '../intake.ts';
import { DispatchField } from './DispatchField.tsx';
import { LocationField, type HouseChoice } from './LocationField.tsx';
import { PromiseField } from './PromiseField.tsx';

interface Props {
  draft: IntakeDraft;
  patch: (fields: Partial<IntakeDraft>) => void;
  /** What was missing at the last attempt to read back (marked on the fields). */
  problems: DraftProblem[];
  categoryRef: Ref<CategoryPickerRef>;
  descriptionRef: Ref<TextAreaRef>;
  categories: { tree: CategoryNode[]; loading: boolean };
  onCategory: (categoryId: string) => void;
  onUrgency: (urgency: Urgency) => void;
  /** The chosen category is an emergency by nature (电梯困人), and the urgency says so. */
  emergencyCategory: boolean;
  location: {
    choices: HouseChoice[];
    house: HouseChoice | null;
    onHouse: (house: HouseChoice) => void;
    projects: Project[];
    projectId: string | null;
    onProject: (projectId: string) => void;
    area: Area | null;
    onArea: (area: Area) => void;
  };
  dispatch: { suggestion: DispatchSuggestion | undefined; loading: boolean; departments: Department[] };
  now: Dayjs;
  duplicateNumber: string | null;
  /** While the read-back is open, Enter belongs to it. */
  reading: boolean;
  onReadBack: () => void;
}

/** 服务内容: type, category, urgency, description, place, dispatch and the promised reply. */
export function RequestCard(props: Props) {
  const { draft, patch, problems } = props;
  const t = useT();
  const has = (p: DraftProblem) => problems.includes(p);
  const emergencyWords = useMemo(() => findEmergencyWords(draft.description), [draft.description]);
  const onSpot = isAnsweredOnSpot(draft);
  const missing = problems.map((p) => t(`intake.problem.${p}`)).join(t('common.listSeparator'));

  return (
    <Card size="small" title={t('intake.request')} data-testid="intake-form">
      <Form layout="vertical" component="div">
        <Form.Item label={t('intake.type')} extra={t('intake.typeShortcut')} style={{ marginBottom: 12 }}>
          <TypeSwitch value={draft.type} onChange={(type) => patch({ type })} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item
              label={t('intake.category')}
              required
              validateStatus={has('category') ? 'error' : undefined}
              style={{ marginBottom: 12 }}
            >
              <CategoryPicker
                ref={props.categoryRef}
                tree={props.categories.tree}
                value={draft.categoryId}
                onChange={props.onCategory}
                loading={props.categories.loading}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item label={t('intake.urgency')} style={{ marginBottom: 12 }}>
              <UrgencySwitch value={draft.urgency} onChange={props.onUrgency} />
            </Form.Item>
          </Col>
        </Row>
        {props.emergencyCategory ? (
          <Alert
            type="error"
            showIcon
            title={t('intake.emergencyFromCategory')}
            style={{ marginBottom: 12 }}
            data-testid="intake-emergency-category"
          />
        ) : null}
        <Form.Item
          label={t('intake.description')}
          required
          extra={t('intake.descriptionHelp')}
          validateStatus={has('description') ? 'error' : undefined}
          style={{ marginBottom: 12 }}
        >
          <Input.TextArea
            ref={props.descriptionRef}
            value={draft.description}
            onChange={(e) => patch({ description: e.target.value })}
            onKeyDown={(e) => {
              // While the read-back is open, Enter belongs to it (the focus may not have moved yet).
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && !props.reading) {
                e.preventDefault();
                props.onReadBack();
              }
            }}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            placeholder={t('intake.descriptionPlaceholder')}
            data-testid="intake-description"
          />
        </Form.Item>
        {emergencyWords.length > 0 && draft.urgency !== 'emergency' ? (
          <Alert
            type="warning"
            showIcon
            title={t('intake.emergencyWords', { words: emergencyWords.join(t('common.listSeparator')) })}
            action={
              <Button
                size="small"
                danger
                onClick={() => props.onUrgency('emergency')}
                data-testid="intake-switch-emergency"
              >
                {t('intake.switchEmergency')}
              </Button>
            }
            style={{ marginBottom: 12 }}
            data-testid="intake-emergency-words"
          />
        ) : null}
        <Form.Item
          label={t('intake.location')}
          required
          validateStatus={has('location') ? 'error' : undefined}
          help={has('location') ? t('intake.locationRequired') : undefined}
          style={{ marginBottom: 12 }}
        >
          <LocationField
            mode={draft.locationMode}
            onModeChange={(locationMode) => patch({ locationMode })}
            {...props.location}
          />
        </Form.Item>
        {draft.type === 'inquiry' ? (
          <Form.Item style={{ marginBottom: 12 }}>
            <Checkbox
              checked={draft.answeredOnSpot}
              onChange={(e) => patch({ answeredOnSpot: e.target.checked })}
              data-testid="intake-on-spot"
            >
              {t('intake.answerOnSpot')}
            </Checkbox>
            {draft.answeredOnSpot ? (
              <Input.TextArea
                value={draft.reply}
                onChange={(e) => patch({ reply: e.target.value })}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={2000}
                status={has('reply') ? 'error' : undefined}
                placeholder={t('intake.replyPlaceholder')}
                style={{ marginTop: 8 }}
                data-testid="intake-reply"
              />
            ) : null}
          </Form.Item>
        ) : null}
        {onSpot ? null : (
          <Row gutter={12}>
            <Col xs={24} lg={13}>
              <Form.Item
                label={t('intake.dispatch')}
                validateStatus={has('department') ? 'error' : undefined}
                style={{ marginBottom: 12 }}
              >
                <DispatchField
                  value={draft.dispatch}
                  onChange={(dispatch) => patch({ dispatch })}
                  categoryChosen={Boolean(draft.categoryId)}
                  {...props.dispatch}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={11}>
              <Form.Item label={t('intake.promise')} style={{ marginBottom: 12 }}>
                <PromiseField
                  value={draft.promise}
                  onChange={(promise) => patch({ promise })}
                  defaultMinutes={defaultPromiseMinutes(draft.type, draft.channel)}
                  now={props.now}
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        {props.duplicateNumber ? (
          <Alert
            type="info"
            showIcon
            title={t('intake.duplicateOf', { number: props.duplicateNumber })}
            closable={{ onClose: () => patch({ duplicateOf: null }) }}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Flex gap={12} align="center" wrap>
          <Button type="primary" size="large" onClick={props.onReadBack} data-testid="intake-read-back-open">
            {t('intake.readBack')}
          </Button>
          {problems.length ? (
            <Typography.Text type="danger" data-testid="intake-problems">
              {t('intake.missing', { fields: missing })}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('intake.readBackKey')}</Typography.Text>
          )}
        </Flex>
      </Form>
    </Card>
  );
}
