import { useMemo } from 'react';
import {
  AUDIT_ACTIONS,
  PERMISSIONS,
  SYSTEM_ROLES,
  type AreaCategory,
  type AreaKind,
  type AuditAction,
  type CalendarDayKind,
  type ClockKind,
  type ContactChannel,
  type ContactTopic,
  type CustomerKind,
  type DemandPattern,
  type DocumentPurpose,
  type HouseState,
  type HouseUse,
  type IdType,
  type ImportKind,
  type LadderTarget,
  type Permission,
  type PhoneLabel,
  type RelationRole,
  type SystemRole,
  type ValueLevel,
} from '@steward/contracts/catalogues';
import type { ActorKind, ProjectType, UserStatus } from '@steward/contracts';
import { useT } from './I18nProvider.tsx';

export type PermissionGroup = (typeof PERMISSIONS)[number]['group'];

export const PERMISSION_GROUPS: readonly PermissionGroup[] = [...new Set(PERMISSIONS.map((p) => p.group))];

export const PROJECT_TYPES: readonly ProjectType[] = ['residential', 'commercial', 'office', 'institution'];

export function isSystemRole(code: string): code is SystemRole {
  return (SYSTEM_ROLES as readonly string[]).includes(code);
}

export function isPermission(code: string): code is Permission {
  return PERMISSIONS.some((p) => p.code === code);
}

const AUDIT_TARGETS = ['user', 'role', 'api_token', 'organization', 'customer', 'house', 'project'] as const;
type AuditTarget = (typeof AUDIT_TARGETS)[number];

function isAuditTarget(type: string): type is AuditTarget {
  return (AUDIT_TARGETS as readonly string[]).includes(type);
}

export function isAuditAction(code: string): code is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(code);
}

/** Service hints the 360 view knows how to word; the server may send others (shown by code). */
export const HINTS = [
  'important_customer',
  'frequent_opinion',
  'fee_sensitive',
  'service_heavy',
  'enterprise_contact',
  'tenant_lease_ending',
  'moved_out',
  'no_phone',
] as const;
export type Hint = (typeof HINTS)[number];

function isHint(code: string): code is Hint {
  return (HINTS as readonly string[]).includes(code);
}

/** Human labels for the codes the server speaks in (roles, permissions, audit actions…). */
export function useLabels() {
  const t = useT();
  return useMemo(
    () => ({
      /** System roles are labelled by code in the UI language; custom roles by the name they were given. */
      role: (code: string, name?: string) => (isSystemRole(code) ? t(`systemRole.${code}`) : (name ?? code)),
      permission: (code: string) => (isPermission(code) ? t(`permission.${code}`) : code),
      permissionGroup: (group: PermissionGroup) => t(`permissionGroup.${group}`),
      auditAction: (action: string) => (isAuditAction(action) ? t(`auditAction.${action}`) : action),
      auditTarget: (type: string) => (isAuditTarget(type) ? t(`auditTarget.${type}`) : type),
      actorKind: (kind: ActorKind) => t(`actorKind.${kind}`),
      projectType: (type: ProjectType) => t(`projectType.${type}`),
      userStatus: (status: UserStatus) => t(`userStatus.${status}`),
      houseUse: (use: HouseUse) => t(`houseUse.${use}`),
      houseState: (state: HouseState) => t(`houseState.${state}`),
      areaKind: (kind: AreaKind) => t(`areaKind.${kind}`),
      areaCategory: (category: AreaCategory) => t(`areaCategory.${category}`),
      customerKind: (kind: CustomerKind) => t(`customerKind.${kind}`),
      relationRole: (role: RelationRole) => t(`relationRole.${role}`),
      idType: (type: IdType) => t(`idType.${type}`),
      valueLevel: (level: ValueLevel) => t(`valueLevel.${level}`),
      demandPattern: (pattern: DemandPattern) => t(`demandPattern.${pattern}`),
      phoneLabel: (label: PhoneLabel) => t(`phoneLabel.${label}`),
      documentPurpose: (purpose: DocumentPurpose) => t(`documentPurpose.${purpose}`),
      contactTopic: (topic: ContactTopic) => t(`contactTopic.${topic}`),
      contactChannel: (channel: ContactChannel) => t(`contactChannel.${channel}`),
      importKind: (kind: ImportKind) => t(`importKind.${kind}`),
      /** The five clocks of a record's time standard (派工, 接单, 到场, 完成, 反馈). */
      clock: (kind: ClockKind) => t(`clock.${kind}`),
      /** An escalation rung's recipient: handler or receiver; a role code is labelled by `role`. */
      ladderTarget: (target: LadderTarget) => t(`ladderTarget.${target}`),
      calendarDayKind: (kind: CalendarDayKind) => t(`calendarDayKind.${kind}`),
      /** A hint code the console does not know yet is shown as the code itself. */
      hint: (code: string) => (isHint(code) ? t(`hint.${code}`) : code),
    }),
    [t],
  );
}
