import type { SandboxClient, SinkFault, SinkRecord, WebhookDelivery, WebhookEnvelope, WebhookSettings, WebhookStatus } from './client.js';
import { describeValue, waitFor, type WaitOptions } from './wait.js';

/**
 * A workspace's webhooks as a test sees them: the settings, the status panel and the attempt
 * log (control API), and the built-in receiver `/__sandbox/webhook-sink/<name>`, one per
 * workspace, so parallel tests never read each other's deliveries.
 */

/** Sink records to envelopes, oldest first; a batched POST (a JSON array) becomes its envelopes. */
export function envelopesOf(records: SinkRecord[]): WebhookEnvelope[] {
  const out: WebhookEnvelope[] = [];
  for (const r of records) {
    const bodies = Array.isArray(r.body) ? r.body : [r.body];
    for (const b of bodies) if (b && typeof b === 'object' && 'event' in b) out.push(b as WebhookEnvelope);
  }
  return out;
}

export class WorkspaceWebhooks {
  readonly sinkName: string;
  constructor(
    readonly client: SandboxClient,
    workspaceId: string,
  ) {
    this.sinkName = `ws-${workspaceId}`;
  }

  get sink() {
    return this.client.sink(this.sinkName);
  }

  /**
   * Points the workspace at its own sink (a path on the sandbox, so it works whatever port the
   * sandbox has). Secret `s3cret`, every event, no batching unless told otherwise.
   */
  useSink(settings: Omit<WebhookSettings, 'url'> = {}) {
    return this.client.webhooks.configure({ secret: 's3cret', events: [], batching: false, ...settings, url: this.sink.path });
  }

  configure(settings: WebhookSettings) {
    return this.client.webhooks.configure(settings);
  }

  status(): Promise<WebhookStatus> {
    return this.client.webhooks.status();
  }

  deliveries(): Promise<WebhookDelivery[]> {
    return this.client.webhooks.deliveries();
  }

  retry() {
    return this.client.webhooks.retry();
  }

  /** Makes the sink misbehave (answer 500, hang, drop the connection). */
  fault(fault: SinkFault) {
    return this.sink.fault(fault);
  }

  clearFault() {
    return this.sink.clearFault();
  }

  /** What reached the sink (headers and bodies), oldest first. */
  received(): Promise<SinkRecord[]> {
    return this.sink.received();
  }

  /** The envelopes that reached the sink, oldest first (batches expanded). */
  async events(): Promise<WebhookEnvelope[]> {
    return envelopesOf(await this.received());
  }

  /** Waits until an envelope of `event` whose data passes `where` has reached the sink. */
  async waitForEvent<D = Record<string, unknown>>(event: string, where: (data: D) => boolean = () => true, options: WaitOptions & { what?: string } = {}): Promise<WebhookEnvelope<D>> {
    const list = await waitFor(
      options.what ?? `a ${event} webhook at the sink ${this.sinkName}`,
      () => this.events(),
      (envs) => envs.some((e) => e.event === event && where(e.data as D)),
      { ...options, describe: (envs) => describeEnvelopes(envs, event) },
    );
    return list.find((e) => e.event === event && where(e.data as D)) as WebhookEnvelope<D>;
  }

  /** Waits for the queue's status panel to pass `accept` (e.g. `s => s.state === 'stalled'`). */
  waitForStatus(what: string, accept: (s: WebhookStatus) => boolean, options: WaitOptions = {}): Promise<WebhookStatus> {
    return waitFor(`the webhook queue to be ${what}`, () => this.status(), accept, {
      ...options,
      describe: (s) => describeValue({ state: s.state, failed_attempts: s.failed_attempts, pending_events: s.pending_events, next_retry_at: s.next_retry_at }),
    });
  }
}

export function describeEnvelopes(envs: WebhookEnvelope[], event?: string): string {
  const same = event ? envs.filter((e) => e.event === event) : [];
  const list = envs.slice(-10).map((e) => e.event);
  return `${envs.length} webhook${envs.length === 1 ? '' : 's'} at the sink${event ? `, ${same.length} of them ${event}${same.length ? ` (last data: ${describeValue(same.at(-1)!.data, 200)})` : ''}` : ''}; latest: ${list.join(', ') || 'none'}`;
}
