/**
 * Phones reach staff masked (138****5678); a masked number cannot be dialled, so only a full one
 * becomes a call link. Revealing a number is a desk task with its own permission and audit.
 */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone || !/^\+?[\d\s()-]{3,}$/.test(phone)) return null;
  return `tel:${phone.replace(/[\s()-]/g, '')}`;
}
