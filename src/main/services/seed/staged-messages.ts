import type { BulkLoadWorker } from '../../store/bulk-load-worker';
import type { Db } from '../../store/db';
import { MESSAGE_COLUMNS, prepareInsertMessageWithRowid, type MessageShape } from '../../store/queries/messages';
import type { MessageSink } from './ticket-writer';

const COLUMNS = MESSAGE_COLUMNS.split(', ');
/** Messages handed to the worker at a time: small enough that it works while this thread writes on, large enough to post cheaply. */
const CHUNK_ROWS = 2000;

/**
 * Sample messages written on the bulk-load worker's core (bulk-load-worker.ts): collected
 * column by column, handed over in chunks as they come, committed there at the end of each
 * slice by {@link commitSlice}. Rowids are numbered here, so the store and the scratch file
 * agree on them. Should the worker fail, its uncommitted rows and every later one are written
 * into the store here.
 */
export class StagedMessages implements MessageSink {
  private nextRowid: number;
  private chunk: { firstRowid: number; values: unknown[][] };
  /** The chunks handed over since the worker's last commit, kept until it commits them. */
  private uncommitted: { firstRowid: number; values: unknown[][] }[] = [];
  private direct: ReturnType<typeof prepareInsertMessageWithRowid> | null = null;

  constructor(
    private readonly db: Db,
    private readonly worker: BulkLoadWorker,
  ) {
    this.nextRowid = worker.firstRowidOf('messages');
    this.chunk = this.emptyChunk();
  }

  write(shape: MessageShape, id: string, ticketId: string, authorId: string | null, authorName: string, channel: string, body: string, attachments: string, at: number): void {
    const rowid = this.nextRowid++;
    // In the order of MESSAGE_COLUMNS.
    const row = [id, ticketId, shape.kind, shape.authorType, authorId, authorName, channel, shape.bodyFormat, body, attachments, at, at];
    if (this.direct) {
      this.direct.run(rowid, ...row);
      return;
    }
    const { values } = this.chunk;
    for (let c = 0; c < row.length; c++) values[c]!.push(row[c]);
    if (values[0]!.length >= CHUNK_ROWS) this.handOver();
  }

  /** Commits this slice's messages on the worker; call inside the slice's store transaction, before it commits. */
  commitSlice(): void {
    if (this.direct) return;
    this.handOver();
    if (this.worker.commitSlice()) {
      this.uncommitted = [];
      return;
    }
    // The worker failed: the rows it had not committed are written here, and all later ones.
    this.direct = prepareInsertMessageWithRowid(this.db);
    for (const { firstRowid, values } of this.uncommitted) {
      for (let i = 0; i < values[0]!.length; i++) this.direct.run(firstRowid + i, ...values.map((column) => column[i]));
    }
    this.uncommitted = [];
  }

  private handOver(): void {
    if (this.chunk.values[0]!.length === 0) return;
    this.worker.stage('messages', COLUMNS, this.chunk.firstRowid, this.chunk.values);
    this.uncommitted.push(this.chunk);
    this.chunk = this.emptyChunk();
  }

  private emptyChunk(): { firstRowid: number; values: unknown[][] } {
    return { firstRowid: this.nextRowid, values: COLUMNS.map(() => []) };
  }
}
