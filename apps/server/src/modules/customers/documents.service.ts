import fs from 'node:fs/promises';
import path from 'node:path';
import type { CustomerDocument, DocumentPurpose } from '@steward/contracts';
import type { Config } from '../../config.ts';
import { auditActor, writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { platformError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { ImageRejected, stampImage } from '../../platform/watermark.ts';
import { customersError } from './customers.errors.ts';
import * as repo from './customers.repository.ts';
import { businessDate, visibleCustomer, type CustomersDeps } from './customers.service.ts';
import { documentDto } from './overview.service.ts';

export type DocumentsDeps = CustomersDeps & { config: Pick<Config, 'timeZone' | 'dataDir'> };

/** Largest ID-copy upload: a phone photo of a card is 2–6 MB. */
export const DOCUMENT_LIMIT_BYTES = 10 * 1024 * 1024;

/** What the stamp says the copy may be used for (the company's paper practice, 说明专用章). */
const PURPOSE_WORDS: Record<Exclude<DocumentPurpose, 'other'>, string> = {
  move_in: '入住手续',
  decoration: '装修手续',
  access_card: '门禁卡',
  parking: '车位手续',
  title_transfer: '产权过户',
  lease_filing: '租赁备案',
};

export function stampText(purpose: DocumentPurpose, purposeText: string | undefined): string {
  const words = purpose === 'other' ? purposeText?.trim() : PURPOSE_WORDS[purpose];
  if (!words) throw customersError('PURPOSE_TEXT_REQUIRED', { field: 'body.purposeText' });
  return `复印件仅供办理${words.slice(0, 30)}之用`;
}

function filePath(dataDir: string, orgId: string, documentId: string): string {
  return path.join(dataDir, 'documents', orgId, `${documentId}.bin`);
}

/**
 * Stamps an ID-document copy with its purpose, encrypts it and stores it. The stamp is applied in
 * memory before anything is written: the unstamped original never reaches the disk.
 */
export async function addDocument(
  deps: DocumentsDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: { purpose: DocumentPurpose; purposeText?: string; image: Buffer },
): Promise<CustomerDocument> {
  const customer = await visibleCustomer(deps.db, actor, id);
  const text = stampText(input.purpose, input.purposeText);
  let stamped;
  try {
    stamped = await stampImage({
      image: input.image,
      text,
      footer: `${actor.orgName} ${businessDate(deps.clock, deps.config.timeZone)}`,
    });
  } catch (error) {
    if (error instanceof ImageRejected)
      throw error.reason === 'not_image'
        ? customersError('DOCUMENT_NOT_IMAGE', { field: 'body.file' })
        : error.reason === 'too_large'
          ? customersError('DOCUMENT_TOO_LARGE', { field: 'body.file' }, { limit: '40 MP' })
          : customersError('DOCUMENT_UNREADABLE', { field: 'body.file' });
    throw error;
  }
  const documentId = newId();
  const file = filePath(deps.config.dataDir, actor.orgId, documentId);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fs.writeFile(file, deps.cipher.encryptBytes(stamped.data), { mode: 0o600, flag: 'wx' });
  const row = {
    id: documentId,
    org_id: actor.orgId,
    customer_id: customer.id,
    purpose: input.purpose,
    stamp_text: text,
    file_key: `${actor.orgId}/${documentId}.bin`,
    mime: stamped.mime,
    size_bytes: stamped.data.length,
    width: stamped.width,
    height: stamped.height,
    uploaded_by: actor.displayName,
    created_at: deps.clock.now().toISOString(),
  };
  try {
    await deps.db.transaction().execute(async (tx) => {
      await repo.insertDocument(tx, row);
      await writeAudit(tx, deps.clock, {
        action: 'customer.document_added',
        orgId: actor.orgId,
        actor: auditActor(actor),
        target: { type: 'customer', id: customer.id },
        details: { documentId, purpose: input.purpose, stamp: text, name: customer.name },
        meta,
      });
    });
  } catch (error) {
    await fs.rm(file, { force: true });
    throw error;
  }
  return documentDto(row);
}

/** The stamped copy, decrypted for a caller allowed to see personal data; every view is audited. */
export async function readDocument(
  deps: DocumentsDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  documentId: string,
): Promise<{ mime: string; data: Buffer }> {
  const customer = await visibleCustomer(deps.db, actor, id);
  const row = await repo.findDocument(deps.db, customer.id, documentId);
  if (!row) throw platformError('NOT_FOUND');
  let sealed: Buffer;
  try {
    sealed = await fs.readFile(filePath(deps.config.dataDir, actor.orgId, documentId));
  } catch (error) {
    // The row outlived its file (a restore without the data dir): say it is gone, not 500.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw platformError('NOT_FOUND');
    throw error;
  }
  const data = deps.cipher.decryptBytes(sealed);

  await writeAudit(deps.db, deps.clock, {
    action: 'pii.revealed',
    orgId: actor.orgId,
    actor: auditActor(actor),
    target: { type: 'customer', id: customer.id },
    details: { field: 'document', documentId, name: customer.name },
    meta,
  });
  return { mime: row.mime, data };
}

export async function deleteDocument(
  deps: DocumentsDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  documentId: string,
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const customer = await visibleCustomer(tx, actor, id);
    const row = await repo.findDocument(tx, customer.id, documentId);
    if (!row) throw platformError('NOT_FOUND');
    await repo.deleteDocument(tx, documentId);
    await writeAudit(tx, deps.clock, {
      action: 'customer.document_deleted',
      orgId: actor.orgId,
      actor: auditActor(actor),
      target: { type: 'customer', id: customer.id },
      details: { documentId, purpose: row.purpose, name: customer.name },
      meta,
    });
  });
  // After the commit: a failed delete leaves an orphan encrypted file, never a row without its file.
  await fs.rm(filePath(deps.config.dataDir, actor.orgId, documentId), { force: true });
}
