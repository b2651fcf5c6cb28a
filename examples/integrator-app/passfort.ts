/**
 * The PassFort calls this app makes: plain `fetch` against API 4.0 with the master key in the
 * `apikey` header. Point `baseUrl` at https://api.passfort.com in production, or at the sandbox
 * (http://127.0.0.1:8400) in development and CI: nothing else changes.
 */

export interface PassFortOptions {
  baseUrl: string;
  apiKey: string;
}

export interface CustomerRequest {
  id: string;
  apikey: string;
  type: 'FLOW' | 'FORMS';
  profile_id: string;
  is_completed: boolean;
  expires_at: string;
}

export class PassFortError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

export function passfort({ baseUrl, apiKey }: PassFortOptions) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/4.0${path}`, {
      method,
      headers: { apikey: apiKey, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as any;
    if (!res.ok) {
      const error = json?.errors?.[0];
      throw new PassFortError(res.status, error?.code, error?.message ?? `PassFort answered ${res.status}`);
    }
    return json as T;
  }

  return {
    /** Step 1 of the registration guide: a stub profile; the applicant fills in the rest. */
    createProfile: (entityType: 'INDIVIDUAL' | 'COMPANY', customerRef: string, email: string) =>
      call<{ id: string }>('POST', '/profiles', {
        role: entityType === 'COMPANY' ? 'COMPANY_CUSTOMER' : 'INDIVIDUAL_CUSTOMER',
        collected_data:
          entityType === 'COMPANY'
            ? { entity_type: 'COMPANY', customer_ref: customerRef, metadata: { contact_details: { email } } }
            : { entity_type: 'INDIVIDUAL', customer_ref: customerRef, contact_details: { email } },
      }),

    /** Step 2: the registration flow; keep the returned id and apikey for the loader page. */
    createFlowRequest: (profileId: string, flowAlias: string, themeAlias: string) =>
      call<CustomerRequest>('POST', `/forms/profile/${profileId}/customer_request`, {
        type: 'FLOW',
        flow_template: { alias: flowAlias },
        theme: { alias: themeAlias },
      }),

    /** The most recent request: `is_completed` is all PassFort tells (COMPLETED or EXPIRED). */
    latestRequest: (profileId: string) => call<CustomerRequest>('GET', `/forms/profile/${profileId}/customer_request`),

    applications: (profileId: string) =>
      call<{ id: string; product: { alias: string; name: string }; status: string }[]>('GET', `/profiles/${profileId}/applications`),
  };
}

export type PassFortApi = ReturnType<typeof passfort>;
