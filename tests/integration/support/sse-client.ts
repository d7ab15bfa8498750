// A minimal SSE reader for tests: collects events and lets a test wait for the next one of a name.
import http from 'node:http';

export interface StreamEventSeen {
  name: string;
  data: any;
  at: number;
}

export interface SseClient {
  status: number;
  events: StreamEventSeen[];
  /** Resolves with the first event named `name` after the `index`-th event (default: any not yet waited for). */
  next(name: string, timeoutMs?: number): Promise<StreamEventSeen>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openStream(base: string, ticket: string): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/sync/stream?ticket=${encodeURIComponent(ticket)}`, (response) => {
      const events: StreamEventSeen[] = [];
      const waiters: { name: string; resolve: (event: StreamEventSeen) => void }[] = [];
      let consumed = 0;
      let buffer = '';
      let endResolve!: () => void;
      const ended = new Promise<void>((r) => (endResolve = r));
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          let name = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) name = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data === '') continue;
          let parsed: unknown = data;
          try {
            parsed = JSON.parse(data);
          } catch {
            // keep the text
          }
          const event = { name, data: parsed, at: Date.now() };
          events.push(event);
          const waiter = waiters.findIndex((w) => w.name === name);
          if (waiter >= 0) {
            consumed = events.length;
            waiters.splice(waiter, 1)[0]!.resolve(event);
          }
        }
      });
      response.on('end', () => endResolve());
      response.on('close', () => endResolve());
      resolve({
        status: response.statusCode ?? 0,
        events,
        ended,
        next(name, timeoutMs = 5000) {
          const seen = events.slice(consumed).find((event) => event.name === name);
          if (seen) {
            consumed = events.indexOf(seen) + 1;
            return Promise.resolve(seen);
          }
          return new Promise((resolveEvent, rejectEvent) => {
            const timer = setTimeout(() => rejectEvent(new Error(`no ${name} event within ${timeoutMs} ms`)), timeoutMs);
            waiters.push({
              name,
              resolve: (event) => {
                clearTimeout(timer);
                resolveEvent(event);
              },
            });
          });
        },
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}
