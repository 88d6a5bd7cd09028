import dayjs from 'dayjs';

/** Timestamps from the server are UTC ISO strings; people read them in their local time. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '';
}

/** A building area in m² with two decimals (89.5 → "89.50"); empty when unknown. */
export function formatArea(area: number | null | undefined): string {
  if (area === null || area === undefined || !Number.isFinite(area)) return '';
  return area.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** File sizes as people read them: 812 KB, 2.4 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Today in the browser's calendar, as the server's date-only format (2026-11-23). */
export function todayDate(): string {
  return dayjs().format('YYYY-MM-DD');
}
