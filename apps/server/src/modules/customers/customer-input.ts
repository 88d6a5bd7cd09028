import type { IdType, PhoneLabel } from '@steward/contracts/catalogues';
import { normalisePhone } from '../../platform/phone.ts';
import { normaliseIdNumber } from '../../platform/pii/id-number.ts';

/** Why a customer's personal fields were refused; the API and the importer word these for people. */
export type InputProblem =
  | { field: 'phones'; index: number; reason: 'invalid_phone'; value: string }
  | { field: 'emergencyPhone'; reason: 'invalid_phone'; value: string }
  | { field: 'idNumber'; reason: 'id_format' | 'id_checksum' | 'id_type_required' };

export interface NormalisedPhoneEntry {
  phone: string;
  tail: string;
  label: PhoneLabel;
}

/** Canonical phones in the order given, duplicates (the same number typed twice) dropped. */
export function normalisePhoneList(
  entries: readonly { phone: string; label?: PhoneLabel }[],
): { phones: NormalisedPhoneEntry[] } | { problem: InputProblem } {
  const phones: NormalisedPhoneEntry[] = [];
  for (const [index, entry] of entries.entries()) {
    const normal = normalisePhone(entry.phone);
    if (!normal) return { problem: { field: 'phones', index, reason: 'invalid_phone', value: entry.phone } };
    if (phones.some((p) => p.phone === normal.phone)) continue;
    phones.push({
      phone: normal.phone,
      tail: normal.phone.slice(-4),
      label: entry.label ?? (normal.kind === 'mobile' ? 'mobile' : 'home'),
    });
  }
  return { phones };
}

export function normaliseEmergencyPhone(
  raw: string | null,
): { phone: string | null } | { problem: InputProblem } {
  if (raw === null || raw.trim() === '') return { phone: null };
  const normal = normalisePhone(raw);
  return normal
    ? { phone: normal.phone }
    : { problem: { field: 'emergencyPhone', reason: 'invalid_phone', value: raw } };
}

/** An ID number needs its type (the check rules differ); an empty number clears both. */
export function normaliseIdentity(
  idType: IdType | null,
  idNumber: string | null,
): { idType: IdType | null; idNumber: string | null } | { problem: InputProblem } {
  if (idNumber === null || idNumber.trim() === '') return { idType: idType ?? null, idNumber: null };
  if (!idType) return { problem: { field: 'idNumber', reason: 'id_type_required' } };
  const result = normaliseIdNumber(idType, idNumber);
  if ('problem' in result)
    return {
      problem: { field: 'idNumber', reason: result.problem === 'checksum' ? 'id_checksum' : 'id_format' },
    };
  return { idType, idNumber: result.value };
}
