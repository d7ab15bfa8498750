// The published versions of the escalation matrix on the backend. Version 1 is the default
// matrix, written the first time anything needs a version (the backend's start, a publish, the
// scheduler), so every team has one; until then reads answer it as it will be written.
import { AppError } from '../../shared/contract/errors';
import type { MatrixVersion } from '../../shared/domain/escalation-matrix/schema';
import { defaultMatrixVersion } from '../../shared/domain/matrix-versions';
import type { MatrixVersionSummary } from '../storage/sla-storage';
import type { Storage, WriteTx } from '../storage/storage';

/** Writes version 1 (the default matrix) when no version was published yet; answers the version in force. */
export async function ensureMatrixInTx(tx: WriteTx): Promise<MatrixVersion> {
  const head = await tx.sla.lockMatrixHead();
  if (head === 0) {
    const first = defaultMatrixVersion(tx.now);
    await tx.sla.publishMatrixVersion(first);
    return first;
  }
  const current = await tx.sla.currentMatrix();
  if (!current) throw new AppError('internal', `Version ${head} of the matrix is missing`);
  return current;
}

/** {@link ensureMatrixInTx} in a transaction of its own; a no-op write once a version exists. */
export async function ensureDefaultMatrix(storage: Storage): Promise<MatrixVersion> {
  const current = await storage.read((tx) => tx.sla.currentMatrix());
  return current ?? storage.write((tx) => ensureMatrixInTx(tx));
}

/** Every published version, newest first, without documents (the default alone before anything was written). */
export async function listMatrixVersions(storage: Storage): Promise<MatrixVersionSummary[]> {
  const versions = await storage.read((tx) => tx.sla.listMatrixVersions());
  if (versions.length > 0) return versions;
  const { document: _document, ...first } = (await ensureDefaultMatrix(storage));
  return [first];
}

/** One published version, or `not-found`. */
export async function getMatrixVersion(storage: Storage, version: number): Promise<MatrixVersion> {
  const found = await storage.read((tx) => tx.sla.getMatrixVersion(version));
  if (found) return found;
  if (version === 1) return ensureDefaultMatrix(storage);
  throw new AppError('not-found', `There is no version ${version} of the matrix`, 'version');
}
