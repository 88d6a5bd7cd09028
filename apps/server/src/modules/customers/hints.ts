import type { Customer, Segments } from '@steward/contracts';

/**
 * Hints on how to serve a customer, derived from the archive (SPEC §2: "a constructive
 * complainer: be direct, do not over-promise"). Codes; the console words them.
 */
export type ServiceHint =
  | 'important_customer'
  | 'frequent_opinion'
  | 'fee_sensitive'
  | 'service_heavy'
  | 'enterprise_contact'
  | 'tenant_lease_ending'
  | 'moved_out'
  | 'no_phone';

export function serviceHints(customer: Customer, segments: Segments, leaseHorizon: string): ServiceHint[] {
  const hints: ServiceHint[] = [];
  if (segments.valueLevel === 'important') hints.push('important_customer');
  if (segments.demandPattern === 'opinion') hints.push('frequent_opinion');
  if (segments.demandPattern === 'fee') hints.push('fee_sensitive');
  if (segments.demandPattern === 'service') hints.push('service_heavy');
  if (segments.kind === 'organization') hints.push('enterprise_contact');
  if (
    customer.houses.some(
      (h) => h.role === 'tenant' && h.current && h.until !== null && h.until <= leaseHorizon,
    )
  )
    hints.push('tenant_lease_ending');
  if (customer.houses.length > 0 && customer.houses.every((h) => !h.current)) hints.push('moved_out');
  if (customer.phones.length === 0) hints.push('no_phone');
  return hints;
}

/** The segmentation dimensions of SPEC §2, from current relations (past ones describe who they were). */
export function segmentsOf(customer: Customer): Segments {
  const current = customer.houses.filter((h) => h.current);
  return {
    propertyTypes: [...new Set(current.map((h) => h.projectType))].sort(),
    titles: [...new Set(current.map((h) => h.role))].sort(),
    kind: customer.kind,
    valueLevel: customer.valueLevel,
    demandPattern: customer.demandPattern,
  };
}
