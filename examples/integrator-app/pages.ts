import type { Applicant, ReceivedWebhook } from './store.js';

/** The app's HTML, as template strings: every value from outside goes through `esc`. */

export const esc = (v: unknown) =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A value inside a double-quoted JS string in a <script>: JSON, with `<` escaped. */
const js = (v: string) => JSON.stringify(v).replace(/</g, '\\u003c');

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b2233}
header{background:#14231b;color:#fff;padding:12px 24px}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:720px;margin:24px auto;padding:0 16px}label{display:block;margin:12px 0 4px;font-weight:600}
input[type=email]{width:100%;max-width:360px;padding:8px;font:inherit}button{margin-top:16px;padding:10px 20px;font:inherit;background:#1d6b46;color:#fff;border:0;border-radius:6px}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #d5d9e0;padding:6px 8px;text-align:left;vertical-align:top}
dt{font-weight:600}dd{margin:0 0 8px}fieldset{border:0;padding:0}.radio label{display:inline;font-weight:400}`;

export function layout(title: string, body: string, bank: string, head = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />${head}
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>${esc(title)} · ${esc(bank)}</title>
    <style>${STYLE}</style>
  </head>
  <body>
    <header><a href="/">${esc(bank)}</a></header>
    <main>
${body}
    </main>
  </body>
</html>`;
}

export const signUpPage = (bank: string) =>
  layout(
    'Open an account',
    `<h1>Open an account</h1>
      <form method="post" action="/signup">
        <fieldset>
          <legend>I am signing up as</legend>
          <div class="radio"><input type="radio" id="type-individual" name="entity_type" value="INDIVIDUAL" checked /> <label for="type-individual">An individual</label></div>
          <div class="radio"><input type="radio" id="type-company" name="entity_type" value="COMPANY" /> <label for="type-company">A company</label></div>
        </fieldset>
        <label for="email">Email address</label>
        <input type="email" id="email" name="email" required autocomplete="email" />
        <div><button type="submit">Start my application</button></div>
      </form>`,
    bank,
  );

/**
 * PassFort's dynamic loader, inside our page: the server fills in the request's id and apikey
 * for the signed-in applicant. The page holds a secret, so it is never cached.
 */
export const onboardingPage = (bank: string, embedUrl: string, a: Applicant) =>
  layout(
    'Your application',
    `<h1>Your application</h1>
      <p>Fill in the form below. You can leave and come back: your answers are kept.</p>
      <script src="${esc(embedUrl)}"></script>
      <script>
        window.onload = function () {
          PassFortCollect.init({
            request_id: ${js(a.request_id ?? '')},
            apikey: ${js(a.request_apikey ?? '')},
          });
        };
      </script>
      <div id="collection-wrapper"></div>`,
    bank,
  );

/**
 * PassFort's static loader, unchanged: the page the request email links to (the form URL).
 * `initFromUrl()` reads request_id and apikey from the address and removes them.
 */
export const staticLoaderPage = (embedUrl: string) => `<!DOCTYPE html>
<html lang="en">
  <head>
    <title>Your information</title>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="referrer" content="no-referrer" />
    <base href="/" />
  </head>
  <body>
    <script src="${esc(embedUrl)}"></script>
    <script>
      window.onload = function () {
        PassFortCollect.initFromUrl();
      };
    </script>
    <div id="collection-wrapper"></div>
  </body>
</html>`;

const when = (ts: number) => new Date(ts * 1000).toISOString().replace('T', ' ').slice(0, 19);

export function statusPage(
  bank: string,
  a: Applicant,
  live: { is_completed: boolean | null; applications: { product: { name: string }; status: string }[]; error: string | null },
  webhooks: ReceivedWebhook[],
): string {
  // Webhooks may still be on their way when the applicant lands here: refresh until the request is final.
  const final = a.request_status === 'COMPLETED' || a.request_status === 'EXPIRED' || !a.request_id;
  const rows = webhooks
    .map((w) => `<tr><td>${esc(when(w.timestamp))}</td><td>${esc(w.event)}</td><td>${esc(w.data.status ?? w.data.new_status ?? w.data.result ?? '')}</td></tr>`)
    .join('\n');
  return layout(
    'Application status',
    `<h1>Application status</h1>
      <dl>
        <dt>Email</dt><dd>${esc(a.email)}</dd>
        <dt>Applying as</dt><dd>${a.entity_type === 'COMPANY' ? 'A company' : 'An individual'}</dd>
        <dt>PassFort profile</dt><dd data-testid="profile-id">${esc(a.profile_id ?? '—')}</dd>
        <dt>Customer request</dt><dd data-testid="request-id">${esc(a.request_id ?? '—')}</dd>
        <dt>Request status (from webhooks)</dt><dd data-testid="request-status">${esc(a.request_status ?? 'no webhook yet')}</dd>
        <dt>Completed (from the API)</dt><dd data-testid="is-completed">${live.is_completed === null ? 'unknown' : live.is_completed ? 'yes' : 'no'}</dd>
        <dt>Product applications</dt><dd data-testid="applications">${live.applications.map((p) => `${esc(p.product.name)}: ${esc(p.status)}`).join(', ') || 'none yet'}</dd>
      </dl>
      ${live.error ? `<p role="alert">PassFort: ${esc(live.error)}</p>` : ''}
      ${a.request_status !== 'COMPLETED' && a.request_id ? `<p><a href="/onboarding/${esc(a.id)}">Continue your application</a></p>` : ''}
      ${final ? '' : '<p>This page updates itself until your request is complete.</p>'}
      <h2>Webhooks received</h2>
      <table aria-label="Webhooks received">
        <thead><tr><th>When (PassFort time)</th><th>Event</th><th>Status or result</th></tr></thead>
        <tbody>${rows || '<tr><td colspan="3">None yet.</td></tr>'}</tbody>
      </table>`,
    bank,
    final ? '' : '\n    <meta http-equiv="refresh" content="2" />',
  );
}

export const messagePage = (bank: string, title: string, text: string) => layout(title, `<h1>${esc(title)}</h1><p>${esc(text)}</p>`, bank);
