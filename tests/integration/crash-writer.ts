// The child process of crash.test.ts: opens the store the way the app does and makes changes
// through TicketService as fast as it can, printing one acknowledgement line per committed change.
// The test kills it with SIGKILL at a random moment; every acknowledged change must survive.
//
//   node --import tsx tests/integration/crash-writer.ts <store file> <round> <agent id>
//
// Lines on stdout:
//   ready <client id>
//   ack {"seq":…,"ticketId":…,"kind":"update","patch":{…}}
//   ack {"seq":…,"ticketId":…,"kind":"message","messageId":…,"marker":…}
import fs from 'node:fs';
import { EventBus } from '../../src/main/services/event-bus';
import { ensureClientId } from '../../src/main/services/sync/outbox-writer';
import { TicketService } from '../../src/main/services/tickets/ticket-service';
import { openStore } from '../../src/main/store/db';
import { getMeta } from '../../src/main/store/queries/meta';
import type { TicketFieldsPatch } from '../../src/shared/domain/ticket';

const [file, roundText, agentId] = process.argv.slice(2);
if (!file || !roundText || !agentId) throw new Error('usage: crash-writer.ts <store file> <round> <agent id>');
const round = Number(roundText);

/** Writes a whole line with a blocking write, so an acknowledged change is on the pipe before the next one starts. */
function say(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += fs.writeSync(1, bytes, written);
    } catch (error) {
      // A non-blocking pipe that is full: wait for the reader.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

const db = openStore(file);
const clientId = ensureClientId(db);
const service = new TicketService({ db, clientId, agentId, now: Date.now }, new EventBus());
const ticketIds = db.prepare<[], string>('SELECT id FROM tickets ORDER BY id').pluck().all();
/** The seq the last change got: recordChange advanced next_seq in the change's own transaction. */
const lastSeq = () => Number(getMeta(db, 'next_seq')) - 1;

say(`ready ${clientId}`);
// A safety net in case the parent never kills us.
const deadline = Date.now() + 20_000;
for (let i = 0; Date.now() < deadline; i++) {
  const ticketId = ticketIds[i % ticketIds.length]!;
  // Unique per round and step, so every patch changes something and every ack names its value.
  const marker = `r${round}-${i}`;
  if (i % 2 === 0) {
    const patch: TicketFieldsPatch = i % 4 === 0 ? { tags: [marker] } : { tags: [marker], category: `category ${marker}` };
    service.updateFields({ ticketId, patch });
    say(`ack ${JSON.stringify({ seq: lastSeq(), ticketId, kind: 'update', patch })}`);
  } else {
    // Mostly short bodies, every tenth change a multi-page one, so a kill can land inside a large commit.
    const body = `${marker} ${'x'.repeat(i % 10 === 1 ? 12_000 : (i * 31) % 300)}`;
    const message = service.addMessage({ ticketId, kind: i % 3 === 0 ? 'note' : 'reply', body });
    say(`ack ${JSON.stringify({ seq: lastSeq(), ticketId, kind: 'message', messageId: message.id, marker })}`);
  }
}
db.close();
