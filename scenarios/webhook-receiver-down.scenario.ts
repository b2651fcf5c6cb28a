/**
 * The webhook receiver is down: the queue stalls, then recovers in order.
 *
 * PassFort sends webhooks one at a time, in the order things happened, and retries a failed
 * one until it gets a 200 — nothing behind it is sent meanwhile. The integrator's endpoint
 * answers 500 for a while; events pile up behind the first failure; the endpoint comes back,
 * "Retry now" is pressed, and every event arrives once, in the original order.
 */
import { test, expect, personas, profileBody } from 'passfort-sandbox/playwright';

test('a receiver answering 500 stalls the webhook queue; after it recovers every event arrives in order', async ({ api, webhooks, events }) => {
  await events.open();
  await webhooks.useSink({ events: ['FORM_STATE_CHANGED', 'CUSTOMER_REQUEST_CHANGED'] });

  await test.step('the receiver goes down (answers 500)', () => webhooks.fault({ mode: 'status', status: 500 }));

  const request = await test.step('a request is sent and completed while it is down', async () => {
    const profile = await api.profiles.create(profileBody(personas.alex));
    const task = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
    const request = await api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] });
    await api.customerRequests.complete(request.id);
    return request;
  });

  await test.step('the queue is stalled on the first event, and nothing else was sent', async () => {
    const stalled = await webhooks.waitForStatus('stalled', (s) => s.state === 'stalled');
    expect(stalled.failed_attempts).toBeGreaterThanOrEqual(1);
    await events.waitFor('WEBHOOK_QUEUE_STALLED');
    const deliveries = await webhooks.deliveries();
    expect(deliveries.every((d) => !d.ok && d.status === 500)).toBe(true);
    // Every attempt so far carried the same event: the head of the queue.
    expect(new Set(deliveries.map((d) => d.event_ids[0])).size).toBe(1);
    expect(await webhooks.received()).toEqual([]);
  });

  await test.step('the receiver is back; "Retry now" drains the queue', async () => {
    await webhooks.clearFault();
    await webhooks.retry();
    await events.waitFor('WEBHOOK_QUEUE_RECOVERED');
    await webhooks.waitForEvent('CUSTOMER_REQUEST_CHANGED', (d) => d.status === 'COMPLETED' && d.customer_request_id === request.id);
  });

  await test.step('every event arrived once, in the order it happened', async () => {
    await events.waitFor('CUSTOMER_REQUEST_CHANGED', (d) => d.status === 'COMPLETED');
    const emitted = events.seen.filter((e) => e.seq !== null && ['FORM_STATE_CHANGED', 'CUSTOMER_REQUEST_CHANGED'].includes(e.type)).map((e) => e.id);
    const received = (await webhooks.events()).map((e) => e.id);
    expect(received).toEqual(emitted);
    expect((await webhooks.status()).state).toBe('idle');
  });
});
