import { randomUUID } from 'node:crypto';

/**
 * The app's "database", in memory: one record per applicant with what PassFort returned and
 * the webhooks received for their profile. A real app keeps this in its own database; the
 * request's apikey is a secret there too (it opens the applicant's forms).
 */

export interface ReceivedWebhook {
  id: string;
  event: string;
  timestamp: number;
  received_at: string;
  data: Record<string, any>;
}

export interface Applicant {
  id: string;
  email: string;
  entity_type: 'INDIVIDUAL' | 'COMPANY';
  created_at: string;
  profile_id: string | null;
  request_id: string | null;
  request_apikey: string | null;
  /** From the latest CUSTOMER_REQUEST_CHANGED webhook: SENT, COMPLETED or EXPIRED. */
  request_status: string | null;
  error: string | null;
}

export class Store {
  readonly applicants = new Map<string, Applicant>();
  /** Every webhook, oldest first, once each (PassFort may resend an event: its id stays the same). */
  readonly webhooks: ReceivedWebhook[] = [];
  readonly #seen = new Set<string>();

  addApplicant(email: string, entityType: Applicant['entity_type']): Applicant {
    const a: Applicant = {
      id: randomUUID(),
      email,
      entity_type: entityType,
      created_at: new Date().toISOString(),
      profile_id: null,
      request_id: null,
      request_apikey: null,
      request_status: null,
      error: null,
    };
    this.applicants.set(a.id, a);
    return a;
  }

  update(id: string, change: Partial<Applicant>): Applicant {
    const a = { ...this.applicants.get(id)!, ...change };
    this.applicants.set(id, a);
    return a;
  }

  byProfile(profileId: string): Applicant | undefined {
    return [...this.applicants.values()].find((a) => a.profile_id === profileId);
  }

  /** Records a webhook; false when its id was seen before (a retry after a lost 200). */
  addWebhook(w: ReceivedWebhook): boolean {
    if (this.#seen.has(w.id)) return false;
    this.#seen.add(w.id);
    this.webhooks.push(w);
    return true;
  }

  webhooksOf(profileId: string): ReceivedWebhook[] {
    return this.webhooks.filter((w) => w.data.profile_id === profileId);
  }
}
