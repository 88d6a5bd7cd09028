// Code catalogues as plain constants, without TypeBox, for bundles that need the values but
// not the schemas (the web console imports from '@steward/contracts/catalogues').
export * from './permissions.ts';
export * from './audit-actions.ts';
export * from './archive-codes.ts';
export * from './import-columns.ts';
export * from './archive-labels.ts';
export * from './ticket-codes.ts';
