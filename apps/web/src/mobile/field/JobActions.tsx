import { useState } from 'react';
import { ActionSheet, Button, Selector, TextArea } from 'antd-mobile';
import type { Ticket } from '@steward/contracts';
import { HOLD_REASONS, type HoldReason } from '@steward/contracts/catalogues';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useFieldLabels } from './labels.ts';
import { Sheet } from './Sheet.tsx';
import type { JobActionRequest } from './useJob.ts';

/** Field actions in the order of the work: the first one allowed is the next step, the big button. */
const ORDER = ['accept', 'arrive', 'start', 'resume', 'complete', 'hold', 'decline'] as const;
type BarAction = (typeof ORDER)[number];

type Asking = 'decline' | 'hold' | 'complete' | null;

/**
 * The action bar at the bottom of a job: only what the server says this technician may do now
 * (`allowedActions`). One big button for the next step and, beside it, the one alternative or a
 * "more" sheet with the rest, so a gloved thumb meets two targets at most. Decline, hold and
 * complete ask for their reason or note first.
 */
export function JobActions({
  job,
  busy,
  run,
}: {
  job: Ticket;
  busy: boolean;
  /** Resolves true when the server took the action (failures are reported by the caller). */
  run: (request: JobActionRequest) => Promise<boolean>;
}) {
  const t = useT();
  const labels = useFieldLabels();
  const [asking, setAsking] = useState<Asking>(null);
  const [text, setText] = useState('');
  const [holdReason, setHoldReason] = useState<HoldReason | null>(null);
  const [tried, setTried] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);

  const [primary, ...others] = ORDER.filter((a) => job.allowedActions.includes(a));
  if (!primary) return null;

  const ask = (what: Exclude<Asking, null>) => {
    setText('');
    setHoldReason(null);
    setTried(false);
    setAsking(what);
  };

  const press = (action: BarAction) => {
    if (action === 'decline' || action === 'hold' || action === 'complete') ask(action);
    else if (action === 'accept' || action === 'arrive' || action === 'start' || action === 'resume')
      void run({ action, body: {} });
  };

  const submit = async () => {
    setTried(true);
    const note = text.trim();
    let done = false;
    if (asking === 'decline' && note) done = await run({ action: 'decline', body: { reason: note } });
    else if (asking === 'complete' && note) done = await run({ action: 'complete', body: { note } });
    else if (asking === 'hold' && holdReason)
      done = await run({ action: 'hold', body: { reason: holdReason, ...(note ? { note } : {}) } });
    // On failure the sheet stays open with what was typed.
    if (done) setAsking(null);
  };

  const noAfterPhoto = !job.attachments.some((a) => a.stage === 'after');

  return (
    <>
      {/* Keeps the end of the page clear of the fixed bar. */}
      <div style={{ height: 84 }} />
      <div className="fld-actionbar" data-testid="job-actions">
        {others.length === 1 ? (
          <Button
            size="large"
            className="fld-big"
            color={others[0] === 'decline' ? 'danger' : 'default'}
            fill="outline"
            disabled={busy}
            onClick={() => press(others[0]!)}
            data-testid={`action-${others[0]}`}
          >
            {t(`field.action.${others[0]!}`)}
          </Button>
        ) : others.length > 1 ? (
          <Button
            size="large"
            className="fld-big"
            fill="outline"
            disabled={busy}
            onClick={() => setMoreOpen(true)}
            data-testid="action-more"
          >
            {t('field.action.more')}
          </Button>
        ) : null}
        <Button
          size="large"
          className="fld-big"
          style={{ flex: 2 }}
          color={primary === 'complete' ? 'success' : primary === 'decline' ? 'danger' : 'primary'}
          loading={busy}
          disabled={busy}
          onClick={() => press(primary)}
          data-testid={`action-${primary}`}
        >
          {t(`field.action.${primary}`)}
        </Button>
      </div>
      <ActionSheet
        visible={moreOpen}
        cancelText={t('field.cancel')}
        onClose={() => setMoreOpen(false)}
        actions={others.map((action) => ({
          key: action,
          text: <span data-testid={`action-${action}`}>{t(`field.action.${action}`)}</span>,
          danger: action === 'decline',
        }))}
        onAction={(item) => {
          setMoreOpen(false);
          press(item.key as BarAction);
        }}
      />

      <Sheet
        visible={asking !== null}
        title={asking ? t(`field.${asking}.title`) : ''}
        onClose={() => setAsking(null)}
        onSubmit={() => void submit()}
        submitText={asking ? t(`field.action.${asking}`) : undefined}
        submitting={busy}
        testId={asking ? `sheet-${asking}` : undefined}
      >
        {asking === 'hold' ? (
          <>
            <div className="fld-label">{t('field.hold.reason')}</div>
            <Selector<HoldReason>
              columns={3}
              options={HOLD_REASONS.map((reason) => ({ label: labels.holdReason(reason), value: reason }))}
              value={holdReason ? [holdReason] : []}
              onChange={(values) => setHoldReason(values[0] ?? null)}
              style={{ '--padding': '14px 6px' }}
              data-testid="hold-reason"
            />
            {tried && !holdReason ? (
              <div className="fld-error">{t('field.required', { field: t('field.hold.reason') })}</div>
            ) : null}
          </>
        ) : null}
        {asking ? (
          <>
            <div className="fld-label">
              {asking === 'decline'
                ? t('field.decline.reason')
                : asking === 'hold'
                  ? t('field.hold.note')
                  : t('field.complete.note')}
            </div>
            <div className="fld-input">
              <TextArea
                value={text}
                onChange={setText}
                rows={asking === 'complete' ? 4 : 3}
                maxLength={asking === 'decline' ? 500 : 2000}
                placeholder={t(`field.${asking}.placeholder`)}
                data-testid={`${asking}-text`}
              />
            </div>
            {tried && asking !== 'hold' && !text.trim() ? (
              <div className="fld-error">
                {t('field.required', {
                  field: asking === 'decline' ? t('field.decline.reason') : t('field.complete.note'),
                })}
              </div>
            ) : null}
            {asking === 'complete' && noAfterPhoto ? (
              <div className="fld-warning">{t('field.complete.noAfterPhoto')}</div>
            ) : null}
          </>
        ) : null}
      </Sheet>
    </>
  );
}
