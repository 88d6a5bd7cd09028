/** Search text that is a phone number (7+ digits) rather than a name or a room label (3-2-1502). */
export function looksLikePhone(text: string): boolean {
  return /^\+?[\d\s()-]+$/.test(text) && text.replace(/\D/g, '').length >= 7;
}
