import type { HouseState, RelationRole, ValueLevel } from '@steward/contracts/catalogues';

/** Tag colours for archive codes, the same on every page so people learn them once. */
export const HOUSE_STATE_COLORS: Record<HouseState, string> = {
  vacant: 'default',
  delivered: 'blue',
  decorating: 'orange',
  owner_occupied: 'green',
  rented: 'purple',
};

export const RELATION_ROLE_COLORS: Record<RelationRole, string> = {
  owner: 'blue',
  tenant: 'purple',
  family: 'cyan',
  occupant: 'default',
};

export const VALUE_LEVEL_COLORS: Record<ValueLevel, string> = {
  important: 'gold',
  ordinary: 'default',
};
