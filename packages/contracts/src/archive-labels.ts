import type {
  CustomerKind,
  HouseState,
  HouseUse,
  IdType,
  ProjectTypeCode,
  RelationRole,
  ValueLevel,
} from './archive-codes.ts';

type Labels<T extends string> = Record<T, { zh: string; en: string }>;

/**
 * How the archive's codes read in Excel files (Chinese first; the English label and the code are
 * accepted on import too). The console has its own wording in its dictionaries.
 */
export const FILE_LABELS = {
  projectType: {
    residential: { zh: '住宅', en: 'Residential' },
    commercial: { zh: '商业', en: 'Commercial' },
    office: { zh: '写字楼', en: 'Office' },
    institution: { zh: '机构', en: 'Institution' },
  } satisfies Labels<ProjectTypeCode>,
  use: {
    residence: { zh: '住宅', en: 'Residence' },
    shop: { zh: '商铺', en: 'Shop' },
    office: { zh: '办公', en: 'Office' },
    parking: { zh: '车位', en: 'Parking' },
    storage: { zh: '仓库', en: 'Storage' },
  } satisfies Labels<HouseUse>,
  state: {
    vacant: { zh: '空置', en: 'Vacant' },
    delivered: { zh: '已交付', en: 'Delivered' },
    decorating: { zh: '装修中', en: 'Decorating' },
    owner_occupied: { zh: '自住', en: 'Owner-occupied' },
    rented: { zh: '出租', en: 'Rented' },
  } satisfies Labels<HouseState>,
  kind: {
    person: { zh: '个人', en: 'Person' },
    organization: { zh: '企业', en: 'Organisation' },
  } satisfies Labels<CustomerKind>,
  idType: {
    resident_id: { zh: '居民身份证', en: 'Resident ID card' },
    passport: { zh: '护照', en: 'Passport' },
    hk_macao_permit: { zh: '港澳居民来往内地通行证', en: 'HK/Macao permit' },
    taiwan_permit: { zh: '台湾居民来往大陆通行证', en: 'Taiwan permit' },
    credit_code: { zh: '统一社会信用代码', en: 'Unified social credit code' },
    other: { zh: '其他', en: 'Other' },
  } satisfies Labels<IdType>,
  valueLevel: {
    important: { zh: '重要客户', en: 'Important' },
    ordinary: { zh: '普通客户', en: 'Ordinary' },
  } satisfies Labels<ValueLevel>,
  role: {
    owner: { zh: '业主', en: 'Owner' },
    tenant: { zh: '租户', en: 'Tenant' },
    family: { zh: '家属', en: 'Family member' },
    occupant: { zh: '其他使用人', en: 'Other occupant' },
  } satisfies Labels<RelationRole>,
};
export type FileLabelKind = keyof typeof FILE_LABELS;
