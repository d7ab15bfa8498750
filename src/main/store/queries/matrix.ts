// The escalation matrix's local tables: published versions, drafts, SLA notifications.
import type { MatrixDocument, MatrixVersion } from '../../../shared/domain/escalation-matrix/schema';
import type { Notification } from '../../../shared/domain/notification';
import { stmt, type Db } from '../db';

/** Where a local version came from: pulled from the backend, the default a store starts with, or published here and not confirmed yet. */
export type MatrixVersionOrigin = 'backend' | 'default' | 'pending';

interface MatrixVersionDbRow {
  version: number;
  author_id: string;
  author_name: string;
  saved_at: number;
  published_at: number;
  change_summary: string;
  based_on_version: number | null;
  document: string;
  origin: MatrixVersionOrigin;
  mutation_id: string | null;
}

/** A published version as the store holds it, with where it came from. */
export interface StoredMatrixVersion {
  version: MatrixVersion;
  origin: MatrixVersionOrigin;
  mutationId: string | null;
}

const SUMMARY_COLUMNS = 'version, author_id, author_name, saved_at, published_at, change_summary, based_on_version, origin, mutation_id';
const COLUMNS = `${SUMMARY_COLUMNS}, document`;

function versionFromRow(row: MatrixVersionDbRow): StoredMatrixVersion {
  return {
    version: {
      version: row.version,
      status: 'published',
      author: { id: row.author_id, name: row.author_name },
      savedAt: row.saved_at,
      publishedAt: row.published_at,
      changeSummary: row.change_summary,
      basedOnVersion: row.based_on_version,
      document: JSON.parse(row.document) as MatrixDocument,
    },
    origin: row.origin,
    mutationId: row.mutation_id,
  };
}

/** Writes a published version whole (a pulled one replaces whatever the store held under its number). */
export function putMatrixVersion(db: Db, version: MatrixVersion, origin: MatrixVersionOrigin, mutationId: string | null = null): void {
  stmt(
    db,
    `INSERT INTO matrix_versions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (version) DO UPDATE SET author_id = excluded.author_id, author_name = excluded.author_name,
       saved_at = excluded.saved_at, published_at = excluded.published_at, change_summary = excluded.change_summary,
       based_on_version = excluded.based_on_version, origin = excluded.origin, mutation_id = excluded.mutation_id,
       document = excluded.document`,
  ).run(
    version.version,
    version.author.id,
    version.author.name,
    version.savedAt,
    version.publishedAt ?? version.savedAt,
    version.changeSummary,
    version.basedOnVersion,
    origin,
    mutationId,
    JSON.stringify(version.document),
  );
}

/** The version in force: the highest number the store holds. */
export function getCurrentMatrixVersion(db: Db): StoredMatrixVersion | undefined {
  const row = stmt<[], MatrixVersionDbRow>(db, `SELECT ${COLUMNS} FROM matrix_versions ORDER BY version DESC LIMIT 1`).get();
  return row && versionFromRow(row);
}

/** The number of the version in force, without reading its document (0 before the first). */
export function currentMatrixVersionNumber(db: Db): number {
  return stmt<[], { v: number | null }>(db, 'SELECT max(version) AS v FROM matrix_versions').get()?.v ?? 0;
}

export function getMatrixVersion(db: Db, version: number): StoredMatrixVersion | undefined {
  const row = stmt<[number], MatrixVersionDbRow>(db, `SELECT ${COLUMNS} FROM matrix_versions WHERE version = ?`).get(version);
  return row && versionFromRow(row);
}

/** Every version, newest first, without documents. */
export function listMatrixVersions(db: Db): Omit<StoredMatrixVersion['version'], 'document'>[] {
  return stmt<[], Omit<MatrixVersionDbRow, 'document'>>(db, `SELECT ${SUMMARY_COLUMNS} FROM matrix_versions ORDER BY version DESC`)
    .all()
    .map((row) => ({
      version: row.version,
      status: 'published' as const,
      author: { id: row.author_id, name: row.author_name },
      savedAt: row.saved_at,
      publishedAt: row.published_at,
      changeSummary: row.change_summary,
      basedOnVersion: row.based_on_version,
    }));
}

/** Removes a version published here that the backend refused, unless the backend's own version took its number meanwhile. */
export function removePendingMatrixVersion(db: Db, version: number, mutationId: string): void {
  stmt(db, "DELETE FROM matrix_versions WHERE version = ? AND origin = 'pending' AND mutation_id = ?").run(version, mutationId);
}

/** The agent's draft as stored. */
export interface StoredMatrixDraft {
  document: unknown;
  basedOnVersion: number | null;
  savedAt: number;
}

/** The draft of `agentKey` (the agent's id, or '' when nobody is signed in). */
export function getMatrixDraft(db: Db, agentKey: string): StoredMatrixDraft | undefined {
  const row = stmt<[string], { document: string; based_on_version: number | null; saved_at: number }>(
    db,
    'SELECT document, based_on_version, saved_at FROM matrix_drafts WHERE agent_id = ?',
  ).get(agentKey);
  return row && { document: JSON.parse(row.document) as unknown, basedOnVersion: row.based_on_version, savedAt: row.saved_at };
}

export function putMatrixDraft(db: Db, agentKey: string, draft: StoredMatrixDraft): void {
  stmt(
    db,
    `INSERT INTO matrix_drafts (agent_id, document, based_on_version, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (agent_id) DO UPDATE SET document = excluded.document, based_on_version = excluded.based_on_version, saved_at = excluded.saved_at`,
  ).run(agentKey, JSON.stringify(draft.document), draft.basedOnVersion, draft.savedAt);
}

/** Removes the draft; answers whether there was one. */
export function deleteMatrixDraft(db: Db, agentKey: string): boolean {
  return stmt(db, 'DELETE FROM matrix_drafts WHERE agent_id = ?').run(agentKey).changes > 0;
}

/** Writes a pulled notification (whole). */
export function putNotification(db: Db, notification: Notification): void {
  stmt(
    db,
    `INSERT INTO notifications (id, recipient_id, ticket_id, created_at, value) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET recipient_id = excluded.recipient_id, ticket_id = excluded.ticket_id,
       created_at = excluded.created_at, value = excluded.value`,
  ).run(notification.id, notification.recipientId, notification.ticketId, notification.createdAt, JSON.stringify(notification));
}

/** The newest notifications of an agent, newest first. */
export function listNotifications(db: Db, recipientId: string, limit: number): Notification[] {
  return stmt<[string, number], { value: string }>(
    db,
    'SELECT value FROM notifications WHERE recipient_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  )
    .all(recipientId, limit)
    .map((row) => JSON.parse(row.value) as Notification);
}

/** What identifies the row of the version in force (its number, where it came from, its mutation): changes whenever another row is in force. */
export function matrixVersionStamp(db: Db): string | null {
  const row = stmt<[], { version: number; origin: string; mutation_id: string | null; published_at: number }>(
    db,
    'SELECT version, origin, mutation_id, published_at FROM matrix_versions ORDER BY version DESC LIMIT 1',
  ).get();
  return row ? `${row.version}:${row.origin}:${row.mutation_id ?? ''}:${row.published_at}` : null;
}
