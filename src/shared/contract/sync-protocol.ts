/**
 * The version of the desktop ↔ backend sync protocol. Bump it on any change of the wire
 * format and add one line to the history below.
 *
 * History:
 * - 1: the outbox entry (client id, seq, mutation id, name, args, before-image); no endpoints yet.
 */
export const SYNC_PROTOCOL_VERSION = 1;
