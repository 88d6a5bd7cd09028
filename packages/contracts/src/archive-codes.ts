/**
 * Code values of the property and customer archive, free of schema code so the console and the
 * import/export files can share them. The console shows their zh-CN/en-US labels; import files
 * accept the Chinese label, the English label or the code itself.
 */
export const PROJECT_TYPES = ['residential', 'commercial', 'office', 'institution'] as const;
export type ProjectTypeCode = (typeof PROJECT_TYPES)[number];

export const HOUSE_USES = ['residence', 'shop', 'office', 'parking', 'storage'] as const;
export type HouseUse = (typeof HOUSE_USES)[number];

export const HOUSE_STATES = ['vacant', 'delivered', 'decorating', 'owner_occupied', 'rented'] as const;
export type HouseState = (typeof HOUSE_STATES)[number];

/** Public areas (places) and facilities (equipment) that a request can point at. */
export const AREA_KINDS = ['area', 'facility'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
export const AREA_CATEGORIES = [
  'lobby',
  'corridor',
  'stairwell',
  'elevator',
  'pump_room',
  'power_room',
  'fire_control',
  'parking',
  'garden',
  'gate',
  'clubhouse',
  'roof',
  'other',
] as const;
export type AreaCategory = (typeof AREA_CATEGORIES)[number];

export const CUSTOMER_KINDS = ['person', 'organization'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

export const RELATION_ROLES = ['owner', 'tenant', 'family', 'occupant'] as const;
export type RelationRole = (typeof RELATION_ROLES)[number];

export const ID_TYPES = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'credit_code',
  'other',
] as const;
export type IdType = (typeof ID_TYPES)[number];

export const VALUE_LEVELS = ['important', 'ordinary'] as const;
export type ValueLevel = (typeof VALUE_LEVELS)[number];

export const DEMAND_PATTERNS = ['service', 'opinion', 'fee'] as const;
export type DemandPattern = (typeof DEMAND_PATTERNS)[number];

export const PHONE_LABELS = ['mobile', 'home', 'work', 'other'] as const;
export type PhoneLabel = (typeof PHONE_LABELS)[number];

/** Purposes an ID-document copy may be taken for; the stamp reads "复印件仅供办理<purpose>之用". */
export const DOCUMENT_PURPOSES = [
  'move_in',
  'decoration',
  'access_card',
  'parking',
  'title_transfer',
  'lease_filing',
  'other',
] as const;
export type DocumentPurpose = (typeof DOCUMENT_PURPOSES)[number];

/** Which personal fields can be revealed in full (audited). */
export const REVEALABLE_FIELDS = ['phone', 'idNumber', 'emergencyPhone'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

/** What a logged contact with a customer was about; feeds the demand pattern. */
export const CONTACT_TOPICS = ['service', 'opinion', 'fee', 'other'] as const;
export type ContactTopic = (typeof CONTACT_TOPICS)[number];

export const CONTACT_CHANNELS = ['visit', 'phone', 'wechat', 'household_visit', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
