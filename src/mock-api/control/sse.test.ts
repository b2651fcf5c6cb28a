import { describe, expect, it } from 'vitest';
import { eventTypeFilter, sseStream } from './sse.js';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
  return text;
}

describe('eventTypeFilter', () => {
  it('keeps everything when empty, else exact names and * prefixes', () => {
    expect(eventTypeFilter(undefined)).toBeNull();
    expect(eventTypeFilter(' , ')).toBeNull();
    const keep = eventTypeFilter('PROFILE_CREATED, WEBHOOK_*')!;
    expect(keep('PROFILE_CREATED')).toBe(true);
    expect(keep('WEBHOOK_ATTEMPT')).toBe(true);
    expect(keep('PROFILE_UPDATED')).toBe(false);
  });
});

describe('sseStream', () => {
  it('hangs up on a reader that falls behind, with the overflow message last, and unsubscribes', async () => {
    let unsubscribed = 0;
    const stream = sseStream({
      maxBacklog: 2,
      keepAliveMs: 60_000,
      overflowMessage: 'event: overflow\ndata: {}\n\n',
      open(send) {
        // Nothing reads during start, so these pile up past the backlog.
        for (let i = 0; i < 6; i++) send(`data: ${i}\n\n`);
        return () => unsubscribed++;
      },
    });
    const text = await readAll(stream);
    // The check runs before each enqueue, so the queue may reach maxBacklog + 2 messages.
    expect(text).toBe('retry: 2000\n\ndata: 0\n\ndata: 1\n\ndata: 2\n\nevent: overflow\ndata: {}\n\n');
    expect(unsubscribed).toBe(1);
  });

  it('without an overflow message just closes', async () => {
    const stream = sseStream({
      maxBacklog: 1,
      keepAliveMs: 60_000,
      open(send) {
        for (let i = 0; i < 4; i++) send(`data: ${i}\n\n`);
        return () => {};
      },
    });
    expect(await readAll(stream)).toBe('retry: 2000\n\ndata: 0\n\ndata: 1\n\n');
  });

  it('unsubscribes when the reader cancels', async () => {
    let unsubscribed = 0;
    const stream = sseStream({ maxBacklog: 10, keepAliveMs: 60_000, open: () => () => unsubscribed++ });
    const reader = stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('retry: 2000\n\n');
    await reader.cancel();
    expect(unsubscribed).toBe(1);
  });
});
