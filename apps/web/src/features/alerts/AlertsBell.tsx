import { useCallback, useRef, useState } from 'react';
import { App, Badge, Button, Checkbox, Drawer, Flex, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { Alert } from '@steward/contracts';
import { alertKeys, listAlerts, markAlertRead, markAllAlertsRead, unreadAlerts } from '../../api/sla.ts';
import { ticketKeys } from '../../api/tickets.ts';
import { useCursorList } from '../../api/useCursorList.ts';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { LoadMore } from '../../app/components/LoadMore.tsx';
import { errorText } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { QuietEmpty } from '../customers/components/QuietEmpty.tsx';
import { useAlertEvents } from '../tickets/useLiveEvents.ts';
import { ALERT_COLORS, alertClockLabel, alertKindLabel, alertNotice, isLate } from './alertText.ts';

const PAGE = 20;
const MAX_NOTICES = 3;
const MORE_KEY = 'alerts-more';
const short = (iso: string) => formatDateTime(iso).slice(5, 16);

function AlertRow({ alert, onOpen }: { alert: Alert; onOpen: (alert: Alert) => void }) {
  const t = useT();
  const unread = alert.readAt === null;
  const promise = alert.clock === 'promise';
  return (
    <div
      role="button"
      tabIndex={0}
      onClick={() => onOpen(alert)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') onOpen(alert);
      }}
      style={{
        padding: '10px 12px',
        borderRadius: 8,
        cursor: 'pointer',
        background: unread ? '#f0f6ff' : undefined,
        border: '1px solid',
        borderColor: unread ? '#d6e4ff' : '#f0f0f0',
      }}
      data-testid={`alert-${alert.kind}`}
      data-unread={unread}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Flex gap={6} align="center" wrap style={{ minWidth: 0 }}>
          {unread ? <Badge status="processing" /> : null}
          <Tag color={ALERT_COLORS[alert.kind]} style={{ marginInlineEnd: 0 }}>
            {alertKindLabel(alert, t)}
          </Tag>
          {/* A promise's kind already says it is one: its line names the agreed time alone. */}
          {promise ? null : (
            <Typography.Text strong={unread}>{alertClockLabel(alert.clock, t)}</Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
            {promise
              ? t('sla.promises.due', { time: short(alert.dueAt) })
              : t('sla.dueAt', { time: short(alert.dueAt) })}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {short(alert.createdAt)}
        </Typography.Text>
      </Flex>
      <Flex gap={8} style={{ marginTop: 4, minWidth: 0 }}>
        <Typography.Text strong={unread} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {alert.ticketNumber}
        </Typography.Text>
        <Typography.Text type="secondary" ellipsis>
          {alert.location}
        </Typography.Text>
      </Flex>
    </div>
  );
}

function AlertsList({ unreadOnly, onOpen }: { unreadOnly: boolean; onOpen: (alert: Alert) => void }) {
  const t = useT();
  const list = useCursorList(alertKeys.list(unreadOnly), (cursor) =>
    listAlerts({ ...(unreadOnly ? { unread: true } : {}), limit: PAGE, cursor }),
  );
  if (list.isPending) return <Skeleton active />;
  return (
    <Flex vertical gap={8} data-testid="alerts-list">
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.items.length === 0 && !list.isError ? (
        <QuietEmpty text={unreadOnly ? t('sla.alerts.emptyUnread') : t('sla.alerts.empty')} />
      ) : (
        list.items.map((alert) => <AlertRow key={alert.id} alert={alert} onOpen={onOpen} />)
      )}
      <LoadMore
        count={list.items.length}
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        testId="alerts-load-more"
      />
    </Flex>
  );
}

/**
 * 提醒: a bell in the header with the unread count, and a drawer of the user's alerts — a clock
 * about to run out, a breach, an escalation, a promise falling due or broken. New ones arrive live
 * (on the tab's one event stream) as a notice; opening one goes to the record and marks it read.
 */
export function AlertsBell() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, notification } = App.useApp();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const unread = useQuery({ queryKey: alertKeys.unread, queryFn: unreadAlerts });
  const count = unread.data ?? 0;
  /** Notices on screen, and how many more alerts came meanwhile. */
  const notices = useRef(new Set<string>());
  const more = useRef(0);

  const refreshAlerts = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: alertKeys.all }),
    [queryClient],
  );
  const { mutate: markRead } = useMutation({ mutationFn: markAlertRead, onSettled: refreshAlerts });
  const readAll = useMutation({
    mutationFn: markAllAlertsRead,
    onSuccess: () => message.success(t('sla.alerts.readAllDone')),
    onError: (error) => message.error(errorText(error, t)),
    onSettled: refreshAlerts,
  });

  const openAlert = useCallback(
    (alert: Alert) => {
      if (alert.readAt === null) markRead(alert.id);
      setOpen(false);
      navigate(`/desk/tickets/${alert.ticketId}`);
    },
    [markRead, navigate],
  );

  const onAlert = useCallback(
    (alert: Alert) => {
      queryClient.setQueryData<number>(alertKeys.unread, (n) => (n ?? 0) + 1);
      void queryClient.invalidateQueries({ queryKey: [...alertKeys.all, 'list'] });
      // The 即将超时 / 已超时 queues and the record (its history, its escalation) have moved on.
      void queryClient.invalidateQueries({ queryKey: [...ticketKeys.all, 'list'] });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(alert.ticketId) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(alert.ticketId) });
      // A sweep can bring many at once (a shift starts, a deadline passes for a whole estate):
      // a few notices name their records, the rest are counted in one that opens the drawer.
      if (notices.current.size >= MAX_NOTICES) {
        more.current += 1;
        notification.info({
          key: MORE_KEY,
          title: <span data-testid="alert-notice-more">{t('sla.alerts.more', { count: more.current })}</span>,
          placement: 'bottomRight',
          duration: 10,
          onClose: () => {
            more.current = 0;
          },
          actions: (
            <Button
              size="small"
              onClick={() => {
                notification.destroy(MORE_KEY);
                more.current = 0;
                setOpen(true);
              }}
            >
              {t('sla.alerts.showAll')}
            </Button>
          ),
        });
        return;
      }
      const key = `alert-${alert.id}`;
      notices.current.add(key);
      notification[isLate(alert.kind) ? 'error' : 'warning']({
        key,
        onClose: () => notices.current.delete(key),
        title: <span data-testid="alert-notice">{alertNotice(alert, t)}</span>,
        description: alert.location,
        placement: 'bottomRight',
        duration: 10,
        actions: (
          <Button
            size="small"
            type="primary"
            onClick={() => {
              notification.destroy(key);
              notices.current.delete(key);
              openAlert(alert);
            }}
          >
            {t('sla.alerts.open')}
          </Button>
        ),
      });
    },
    [queryClient, notification, t, openAlert],
  );
  useAlertEvents(onAlert, refreshAlerts);

  return (
    <>
      <Tooltip title={t('sla.alerts.bell')}>
        <Button
          type="text"
          aria-label={t('sla.alerts.bell')}
          onClick={() => {
            setOpen(true);
            refreshAlerts();
          }}
          style={{ height: 40, width: 40 }}
          data-testid="alerts-bell"
          data-unread={count}
        >
          <Badge count={count} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </Button>
      </Tooltip>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('sla.alerts.title')}
        size={420}
        extra={
          <Button
            size="small"
            icon={<CheckOutlined />}
            disabled={count === 0}
            loading={readAll.isPending}
            onClick={() => readAll.mutate()}
            data-testid="alerts-read-all"
          >
            {t('sla.alerts.readAll')}
          </Button>
        }
        data-testid="alerts-drawer"
      >
        <Checkbox
          checked={unreadOnly}
          onChange={(e) => setUnreadOnly(e.target.checked)}
          style={{ marginBottom: 12 }}
          data-testid="alerts-unread-only"
        >
          {t('sla.alerts.unreadOnly')}
        </Checkbox>
        {open ? <AlertsList unreadOnly={unreadOnly} onOpen={openAlert} /> : null}
      </Drawer>
    </>
  );
}
