// A small server-sent events reader for tests and the benchmark (not a test file itself).
import { liveEventSchema, type LiveEvent } from './contract';

export interface StreamReader {
  status: number;
  events: LiveEvent[];
  /** Comment lines (heartbeats). */
  comments: string[];
  /** Resolves once `count` events in total have arrived. */
  waitForEvents(count: number): Promise<LiveEvent[]>;
  waitForComments(count: number): Promise<void>;
  close(): void;
}

export async function openStream(
  url: string,
  headers: Record<string, string>,
): Promise<StreamReader & { body: string }> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const events: LiveEvent[] = [];
  const comments: string[] = [];
  let waiters: (() => void)[] = [];
  const notify = () => {
    const current = waiters;
    waiters = [];
    for (const w of current) w();
  };
  const until = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (done() ? resolve() : waiters.push(check));
      check();
    });
  const reader: StreamReader & { body: string } = {
    status: res.status,
    body: '',
    events,
    comments,
    waitForEvents: async (count) => {
      await until(() => events.length >= count);
      return events;
    },
    waitForComments: (count) => until(() => comments.length >= count),
    close: () => controller.abort(),
  };
  if (!res.ok || !res.body) {
    reader.body = await res.text();
    return reader;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) events.push(liveEventSchema.parse(JSON.parse(data)));
          else if (block.startsWith(':')) comments.push(block);
        }
        notify();
      }
    } catch {
      // Aborted by close() or by the server ending the stream.
    }
  })();
  return reader;
}
