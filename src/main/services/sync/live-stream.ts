import { streamEvents, type StreamEvent } from '../../../shared/contract/sync-protocol';

/** What the live stream reports to the sync client. */
export interface LiveStreamListener {
  onEvent(event: StreamEvent): void;
  /** The stream ended (closed by either side, refused, or the network): reconnect with a new ticket unless told otherwise. */
  onEnd(reason: { status: number | null; error: string | null }): void;
}

/** An open live stream; `close` ends it without an `onEnd` report. */
export interface LiveStream {
  close(): void;
}

/** Splits an SSE byte stream into events (name + data lines); comments and unknown fields are skipped. */
export class SseParser {
  private buffer = '';

  constructor(private readonly emit: (name: string, data: string) => void) {}

  push(chunk: string): void {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    let split: number;
    while ((split = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, split);
      this.buffer = this.buffer.slice(split + 2);
      let name = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') name = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) this.emit(name, data.join('\n'));
    }
  }
}

function parseEvent(name: string, data: string): StreamEvent | null {
  if (!Object.hasOwn(streamEvents, name)) return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = streamEvents[name as keyof typeof streamEvents].safeParse(json);
  return parsed.success ? ({ name, data: parsed.data } as StreamEvent) : null;
}

/**
 * Opens the backend's live stream at `url` (which carries a single-use stream ticket). Unlike an
 * EventSource it never reconnects by itself: a used ticket would be refused, so the sync client
 * gets a new ticket and calls this again.
 */
export function openLiveStream(url: string, listener: LiveStreamListener, fetchImpl: typeof fetch = fetch): LiveStream {
  const abort = new AbortController();
  let closedByUs = false;
  let ended = false;
  const end = (status: number | null, error: string | null) => {
    if (ended || closedByUs) return;
    ended = true;
    listener.onEnd({ status, error });
  };
  void (async () => {
    let status: number | null = null;
    try {
      const response = await fetchImpl(url, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
      status = response.status;
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        end(status, `the stream was refused (${status})`);
        return;
      }
      const parser = new SseParser((name, data) => {
        const event = parseEvent(name, data);
        if (event && !closedByUs) listener.onEvent(event);
      });
      const decoder = new TextDecoder();
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        parser.push(decoder.decode(chunk, { stream: true }));
      }
      end(status, null);
    } catch (error) {
      end(status, error instanceof Error ? error.message : String(error));
    }
  })();
  return {
    close() {
      closedByUs = true;
      abort.abort();
    },
  };
}
