// The test's side of desktop-runner.ts: starts a desktop process on a data folder, sends it
// requests and reads its answers, and kills it with SIGKILL (or sees it kill itself at an armed
// crash point). A request the process dies before answering rejects with DesktopDied: the change
// it asked for was not acknowledged.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, RunnerOptions } from './desktop-runner';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RUNNER = fileURLToPath(new URL('./desktop-runner.ts', import.meta.url));
/** Longer than any request takes; a process that stays silent this long is stuck. */
const ANSWER_TIMEOUT_MS = 30_000;

/** The process died before answering. */
export class DesktopDied extends Error {}

type Body = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class DesktopProcess {
  /** The session token the process last reported (it signs in once; restarts reuse it). */
  token: string | null;
  /** The crash point the process killed itself at, if it did. */
  crashedAt: string | null = null;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private buffer = '';
  private stderr = '';
  private dead = false;

  private constructor(
    private readonly proc: ChildProcess,
    readonly options: RunnerOptions,
    ready: () => void,
  ) {
    this.token = options.token;
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.buffer += chunk;
      // Only whole lines count: a kill may cut the last one.
      for (let end = this.buffer.indexOf('\n'); end >= 0; end = this.buffer.indexOf('\n')) {
        this.line(this.buffer.slice(0, end), ready);
        this.buffer = this.buffer.slice(end + 1);
      }
    });
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-20_000);
    });
    // The pipe may be gone when the process dies with a request on its way.
    proc.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) =>
      proc.on('close', (code, signal) => {
        this.dead = true;
        for (const [, waiter] of this.waiting) waiter.reject(new DesktopDied(`the desktop process died (${signal ?? code})`));
        this.waiting.clear();
        resolve({ code, signal });
      }),
    );
  }

  /** Starts a desktop process and waits until its core is open. */
  static async start(options: RunnerOptions): Promise<DesktopProcess> {
    const proc = spawn(process.execPath, ['--import', 'tsx', RUNNER, JSON.stringify(options)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, SC_LOG: 'silent' },
    });
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const desktop = new DesktopProcess(proc, options, () => ready());
    const outcome = await Promise.race([
      started.then(() => 'ready' as const),
      desktop.exited.then(() => 'died' as const),
      new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ANSWER_TIMEOUT_MS)),
    ]);
    if (outcome !== 'ready') {
      proc.kill('SIGKILL');
      throw new Error(`the desktop process did not start (${outcome}):\n${desktop.stderr}`);
    }
    return desktop;
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** What the process wrote to stderr lately (for a failure's message). */
  get errors(): string {
    return this.stderr;
  }

  private line(text: string, ready: () => void): void {
    if (text === 'ready') return ready();
    if (text.startsWith('token ')) {
      this.token = text.slice('token '.length);
      return;
    }
    if (text.startsWith('crash ')) {
      this.crashedAt = text.slice('crash '.length);
      return;
    }
    if (text.startsWith('answer ')) {
      const answer = JSON.parse(text.slice('answer '.length)) as { id: number; ok: boolean; value?: unknown; error?: { code: string; message: string; stack?: string } };
      const waiter = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (!waiter) return;
      if (answer.ok) waiter.resolve(answer.value);
      else waiter.reject(new Error(`the desktop process refused ${answer.error?.code}: ${answer.error?.message}\n${answer.error?.stack ?? ''}`));
    }
  }

  /** Sends a request and resolves with its answer's value. */
  request<T = unknown>(body: Body): Promise<T> {
    if (this.dead) return Promise.reject(new DesktopDied('the desktop process is not running'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`the desktop process did not answer ${JSON.stringify(body)} within ${ANSWER_TIMEOUT_MS} ms:\n${this.stderr}`));
      }, ANSWER_TIMEOUT_MS);
      this.waiting.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.proc.stdin!.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  /** kill -9, and waits until the process is gone. */
  async kill(): Promise<void> {
    if (!this.dead) this.proc.kill('SIGKILL');
    await this.exited;
  }
}
