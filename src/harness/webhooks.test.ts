import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../test/support/test-app.js';
import { SandboxClient, type SinkRecord } from './client.js';
import { describeEnvelopes, envelopesOf, WorkspaceWebhooks } from './webhooks.js';

const env = (id: string, event: string, data: Record<string, unknown> = {}) => ({ id, event, secret: 's', timestamp: 1, data });
const rec = (body: unknown): SinkRecord => ({ received_at: '2026-01-15T09:00:00.000Z', headers: {}, body });

describe('envelopesOf', () => {
  it('expands batches and keeps the order; skips bodies that are not envelopes', () => {
    const records = [rec(env('1', 'A')), rec([env('2', 'B'), env('3', 'C')]), rec('plain text'), rec({ hello: 'world' })];
    expect(envelopesOf(records).map((e) => e.id)).toEqual(['1', '2', '3']);
  });

  it('describes what arrived for a time-out message', () => {
    const text = describeEnvelopes([env('1', 'A'), env('2', 'CUSTOMER_REQUEST_CHANGED', { status: 'SENT' })], 'CUSTOMER_REQUEST_CHANGED');
    expect(text).toBe('2 webhooks at the sink, 1 of them CUSTOMER_REQUEST_CHANGED (last data: {"status":"SENT"}); latest: A, CUSTOMER_REQUEST_CHANGED');
  });
});

describe('WorkspaceWebhooks', () => {
  const setup = () => {
    const t = makeTestApp();
    const client = new SandboxClient({ baseUrl: 'http://sandbox.test', apiKey: t.key, fetch: (u, i) => t.app.request(u, i) });
    return { t, hooks: new WorkspaceWebhooks(client, 'w1') };
  };

  it('points the workspace at its own sink, named after the workspace', async () => {
    const { hooks } = setup();
    expect(hooks.sinkName).toBe('ws-w1');
    const settings = await hooks.useSink({ events: ['CUSTOMER_REQUEST_CHANGED'] });
    expect(settings).toMatchObject({ url: '/__sandbox/webhook-sink/ws-w1', secret: 's3cret', events: ['CUSTOMER_REQUEST_CHANGED'], batching: false });
  });

  it('waits for an envelope at the sink, and times out saying what did arrive', async () => {
    const { t, hooks } = setup();
    await t.call('POST', '/__sandbox/webhook-sink/ws-w1', env('e1', 'FORM_STATE_CHANGED', { status: 'SENT' }), {}, null);
    const found = await hooks.waitForEvent('FORM_STATE_CHANGED', (d) => d.status === 'SENT', { timeout: 1_000 });
    expect(found.id).toBe('e1');
    const err = (await hooks.waitForEvent('CUSTOMER_REQUEST_CHANGED', () => true, { timeout: 40 }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(
      /^Timed out after 40 ms waiting for a CUSTOMER_REQUEST_CHANGED webhook at the sink ws-w1; last saw 1 webhook at the sink, 0 of them CUSTOMER_REQUEST_CHANGED; latest: FORM_STATE_CHANGED \(\d+ checks?\)$/,
    );
  });

  it('sets and clears a fault on the sink', async () => {
    const { t, hooks } = setup();
    await hooks.fault({ mode: 'status', status: 503 });
    expect((await t.call('POST', '/__sandbox/webhook-sink/ws-w1', env('e1', 'A'), {}, null)).status).toBe(503);
    await hooks.clearFault();
    expect((await t.call('POST', '/__sandbox/webhook-sink/ws-w1', env('e2', 'A'), {}, null)).status).toBe(200);
    expect((await hooks.events()).map((e) => e.id)).toEqual(['e2']);
  });
});
