import type { Kysely } from 'kysely';
import type { Engine } from '../../config.ts';
import * as foundation from './20261122T000000_foundation.ts';
import * as archive from './20261123T000000_archive.ts';
import * as serviceDesk from './20261124T000000_service_desk.ts';
import * as serviceDeskScale from './20261125T000000_service_desk_scale.ts';
import * as timeStandards from './20261126T000000_time_standards.ts';
import * as houseLabelCase from './20261127T000000_house_label_case.ts';

export interface SchemaMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

/**
 * Every migration, in order. Forward-only: a landed migration is never edited; changes are new
 * files with a later timestamp. Names sort by time.
 */
export const MIGRATIONS: Record<string, SchemaMigration> = {
  '20261122T000000_foundation': foundation,
  '20261123T000000_archive': archive,
  '20261124T000000_service_desk': serviceDesk,
  '20261125T000000_service_desk_scale': serviceDeskScale,
  '20261126T000000_time_standards': timeStandards,
  '20261127T000000_house_label_case': houseLabelCase,
};
