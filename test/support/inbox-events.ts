import WebSocket from 'ws';

/** Test helpers for the inbox suites: a websocket recorder and polling with a deadline. */

export interface WsEvent {
  Type: string;
  Data: any;
}

export async function until<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Connects to `/api/events` and records every event. */
export async function recordEvents(baseUrl: string, headers: Record<string, string> = {}) {
  const events: WsEvent[] = [];
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/events`, { headers });
  ws.on('message', (data) => events.push(JSON.parse(String(data)) as WsEvent));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`websocket refused: ${res.statusCode}`)));
  });
  // The hub greets every client with the current stats.
  await until(() => events.some((e) => e.Type === 'stats'), 'the greeting stats event');
  return {
    events,
    /** Forgets what was recorded so far. */
    clear: () => void events.splice(0),
    /** Waits for an event of `type` matching `match`, and returns it. */
    waitFor: (type: string, match: (data: any) => boolean = () => true) =>
      until(() => events.find((e) => e.Type === type && match(e.Data)), `a websocket "${type}" event`),
    types: () => events.map((e) => e.Type),
    close: () => ws.close(),
  };
}
