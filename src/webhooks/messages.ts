/** Messages of the webhook control API and the sink, shared with the tests that assert them. */
export const WebhookMsg = {
  deliveryOff: 'Webhook delivery is off for this workspace (no url, or enabled is false); PUT /__sandbox/webhooks with a url first',
  unknownEvent: (event: string) => `event: "${event}" is not a PassFort webhook event; GET /__sandbox/webhooks/events lists them`,
  eventNotInOutbox: (id: string) =>
    `event_id: no event ${id} in this workspace's outbox (unknown, or pruned: the newest 10,000 settled events are kept)`,
  notAWebhook: (id: string, type: string) => `event_id: event ${id} is ${type}, which PassFort does not send as a webhook`,
  badSinkName: 'name: a sink name is 1 to 100 letters, digits, ".", "_" or "-"',
  sinkDropUnsupported: 'This request has no socket to drop (it did not come over the network); the drop fault needs a real connection',
} as const;
