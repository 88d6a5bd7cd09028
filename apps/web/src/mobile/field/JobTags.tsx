import type { TicketStatus, Urgency } from '@steward/contracts/catalogues';
import { STATUS_COLOR, URGENCY_COLOR, useFieldLabels } from './labels.ts';

/** The urgency (only when it is not general) and the status of a job. */
export function JobTags({ urgency, status }: { urgency: Urgency; status: TicketStatus }) {
  const labels = useFieldLabels();
  const urgencyColor = URGENCY_COLOR[urgency];
  return (
    <>
      {urgencyColor ? (
        <span className="fld-tag" style={{ background: urgencyColor }} data-testid="job-urgency">
          {labels.urgency(urgency)}
        </span>
      ) : null}
      <span
        className="fld-tag"
        style={{ background: STATUS_COLOR[status] ?? '#8a919f' }}
        data-testid="job-status"
      >
        {labels.status(status)}
      </span>
    </>
  );
}
