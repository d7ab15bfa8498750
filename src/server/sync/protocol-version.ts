import { AppError } from '../../shared/contract/errors';
import { SYNC_PROTOCOL_VERSION } from '../../shared/contract/sync-protocol';

/** Refuses a request that speaks another protocol version (the desktop must be updated). */
export function checkProtocolVersion(version: number): void {
  if (version !== SYNC_PROTOCOL_VERSION) {
    throw new AppError(
      'validation',
      `This backend speaks sync protocol ${SYNC_PROTOCOL_VERSION}, the desktop ${version}: update Support Console`,
      'protocolVersion',
    );
  }
}
