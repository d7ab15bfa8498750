// The backend as its own process (`src/server/main.ts`, as `npm run server` starts it), seeded
// from a team snapshot: for measurements where the backend must not share the desktop's event
// loop (stalls, live latency) and for larger data than the in-process builders make.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerSnapshot } from '../../../src/shared/contract/server-snapshot';
import type { Customer } from '../../../src/shared/domain/customer';
import { newId } from '../../../src/shared/domain/ids';
import type { Message } from '../../../src/shared/domain/message';
import type { Agent, Group } from '../../../src/shared/domain/team';
import type { Ticket } from '../../../src/shared/domain/ticket';
import { freePort, makeTempDir, T0 } from './server-kit';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The password of every account of a generated snapshot. */
export const SNAPSHOT_PASSWORD = 'correct horse battery staple';

/** A team with `agents` accounts (agent1@team.example …), `tickets` tickets and `messagesPerTicket` messages each. */
export function makeSnapshot(options: { agents: number; tickets: number; messagesPerTicket: number }): { snapshot: ServerSnapshot; emails: string[]; ticketIds: string[] } {
  const group: Group = { id: newId(), name: 'Helpdesk Europe', level: 'L1' };
  const agents: Agent[] = Array.from({ length: options.agents }, (_, i) => ({
    id: newId(),
    name: `Agent ${i + 1}`,
    email: `agent${i + 1}@team.example`,
    role: 'agent',
    groupId: group.id,
    timeZone: 'Europe/Amsterdam',
    language: 'en',
  }));
  const customers: Customer[] = Array.from({ length: Math.max(1, Math.ceil(options.tickets / 10)) }, (_, i) => ({
    id: newId(),
    name: `Customer ${i + 1}`,
    email: `customer${i + 1}@example.com`,
    phones: [],
    organisationId: null,
    plan: 'business',
    timeZone: 'Europe/Amsterdam',
    language: 'en',
    proficiency: 'intermediate',
    optOuts: [],
    createdAt: T0,
  }));
  const tickets: Ticket[] = [];
  const messages: Message[] = [];
  for (let i = 0; i < options.tickets; i += 1) {
    const customer = customers[i % customers.length]!;
    const ticket: Ticket = {
      id: newId(),
      number: null,
      subject: `Ticket ${i + 1}: the export button does nothing`,
      status: 'open',
      priority: 'normal',
      channel: 'email',
      category: null,
      tags: [],
      requesterId: customer.id,
      organisationId: null,
      assigneeId: agents[i % agents.length]!.id,
      groupId: group.id,
      level: 'L1',
      createdAt: T0 + i,
      updatedAt: T0 + i,
      solvedAt: null,
      dueAt: null,
      mergedIntoId: null,
    };
    tickets.push(ticket);
    for (let m = 0; m < options.messagesPerTicket; m += 1) {
      messages.push({
        id: newId(),
        ticketId: ticket.id,
        kind: 'reply',
        authorType: m % 2 === 0 ? 'customer' : 'agent',
        authorId: m % 2 === 0 ? customer.id : agents[i % agents.length]!.id,
        authorName: m % 2 === 0 ? customer.name : agents[i % agents.length]!.name,
        channel: 'email',
        bodyFormat: 'markdown',
        body: `Message ${m + 1} of ticket ${i + 1}. When I click export in the reports page nothing happens; I tried Firefox and Chrome.`,
        attachments: [],
        createdAt: T0 + i + m,
      });
    }
  }
  const snapshot: ServerSnapshot = {
    levels: [],
    groups: [group],
    agents,
    accounts: agents.map((agent) => ({ agentId: agent.id, password: SNAPSHOT_PASSWORD })),
    organisations: [],
    customers,
    tickets,
    messages,
  };
  return { snapshot, emails: agents.map((agent) => agent.email), ticketIds: tickets.map((ticket) => ticket.id) };
}

/** A backend process on a loopback port. */
export interface BackendProcess {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A database prepared beforehand for the backend process: a SQLite file, or a PostgreSQL URL. */
export type BackendDatabase = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * Starts `src/server/main.ts` in its own Node process: on a fresh SQLite file seeded from
 * `snapshot`, or on `database` as it was prepared (then `snapshot` may be null).
 */
export async function startBackendProcess(snapshot: ServerSnapshot | null, database?: BackendDatabase): Promise<BackendProcess> {
  const dir = makeTempDir('sc-backend-');
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', SC_LOG: 'silent' };
  delete env.DATABASE_URL;
  if (database?.kind === 'postgres') env.DATABASE_URL = database.url;
  else env.SC_SERVER_DATA = database?.file ?? path.join(dir, 'server.sqlite');
  if (snapshot) {
    const snapshotFile = path.join(dir, 'snapshot.json');
    fs.writeFileSync(snapshotFile, JSON.stringify(snapshot));
    env.SC_SEED_SNAPSHOT = snapshotFile;
  }
  const port = await freePort();
  env.PORT = String(port);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the backend did not start within 120 s: ${stderr.slice(-2000)}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('listening at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the backend exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
