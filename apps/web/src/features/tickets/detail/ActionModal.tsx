import { useEffect, useState } from 'react';
import { Alert, Form } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { Ticket } from '@steward/contracts';
import { runTicketAction } from '../../../api/tickets.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors, isApiError } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useTicketLabels } from '../labels.ts';
import { ActionFields } from './ActionFields.tsx';
import { actionBody, type ActionValues, type FormAction } from './actionForm.ts';

interface Props {
  action: FormAction | null;
  ticket: Ticket;
  onClose: () => void;
  onDone: (ticket: Ticket) => void;
  /** The record changed under the agent: load it again (the dialog stays, with the fresh version). */
  onStale: () => void;
}

/** One lifecycle action with its small form; it sends the version shown, and a stale one is explained. */
export function ActionModal({ action, ticket, onClose, onDone, onStale }: Props) {
  const t = useT();
  const labels = useTicketLabels();
  const [form] = Form.useForm<ActionValues>();
  // The version the agent decided on. Live updates may bring a newer record while the dialog is
  // open; it is not sent on their behalf: the server refuses the old one, the dialog says so, and
  // the next try goes with what is now on screen.
  const [seenVersion, setSeenVersion] = useState(ticket.version);
  const mutation = useMutation({
    mutationFn: (values: ActionValues) =>
      runTicketAction(ticket.id, action!, actionBody(action!, ticket, seenVersion, values)),
    onSuccess: onDone,
    onError: (error) => {
      applyFieldErrors(form, error);
      if (isApiError(error, 'VERSION_CONFLICT') || isApiError(error, 'ACTION_NOT_ALLOWED')) onStale();
    },
  });
  const conflict = isApiError(mutation.error, 'VERSION_CONFLICT');
  useEffect(() => {
    if (conflict) setSeenVersion(ticket.version);
  }, [conflict, ticket.version]);
  const stale = conflict || ticket.version !== seenVersion;
  // Dispatching a record that already has a department is a transfer (转派), as its button says.
  const name = !action
    ? ''
    : action === 'dispatch' && ticket.department
      ? t('action.redispatch')
      : labels.action(action);
  const initialValues: ActionValues =
    action === 'dispatch'
      ? { byRules: false, departmentId: ticket.department?.id, assigneeId: ticket.assignee?.id ?? null }
      : action === 'reclassify'
        ? { type: ticket.type, categoryId: ticket.categoryId, urgency: ticket.urgency }
        : action === 'link'
          ? { kind: 'duplicate' }
          : action === 'confirm'
            ? { method: 'phone' }
            : {};
  return (
    <FormModal<ActionValues>
      open={action !== null}
      title={action ? `${name} · ${ticket.number}` : ''}
      okText={name}
      onClose={onClose}
      form={form}
      // A stale version gets the desk's own explanation above the form instead of the raw error.
      mutation={{ ...mutation, error: conflict ? null : mutation.error }}
      initialValues={initialValues}
      submitTestId="action-submit"
      intro={
        stale ? (
          <Alert type="warning" showIcon title={t('ticket.versionConflict')} style={{ marginBottom: 12 }} />
        ) : null
      }
      onFinish={(values) => {
        if (
          action === 'reclassify' &&
          Object.keys(actionBody(action, ticket, seenVersion, values)).length < 2
        ) {
          form.setFields([{ name: 'note', errors: [t('action.reclassifyNothing')] }]);
          return;
        }
        mutation.mutate(values);
      }}
    >
      {action ? <ActionFields action={action} ticket={ticket} /> : null}
    </FormModal>
  );
}
