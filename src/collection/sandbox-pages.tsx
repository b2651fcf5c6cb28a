import type { Child } from 'hono/jsx';
import { htmlDocument } from '../mock-api/html-document.js';
import { Card } from './views/pages.js';

/**
 * Pages of the sandbox itself around the collection form (an integrator's pages, stood in
 * for): where a flow sends the applicant at the end, and the loaders' own problems.
 */
export function sandboxPage(title: string, body: Child): string {
  return htmlDocument({
    title,
    head: <link rel="stylesheet" href="/collection/app/app.css" />,
    children: (
      <div class="pf-root">
        <Card institution="passfort-sandbox" logoUrl={null} state="sandbox">
          <h1 class="pf-title" id="pf-title">
            {title}
          </h1>
          {body}
        </Card>
      </div>
    ),
  });
}

export const onboardingDonePage = () =>
  sandboxPage(
    'Registration complete',
    <>
      <p class="pf-lead">Thank you. Your details have been sent.</p>
      <p class="pf-hint">
        This is the sandbox's stand-in for your own page: the built-in registration flows end here (their <code>redirect_url</code> is{' '}
        <code>/onboarding/done</code>). Set <code>redirect_url</code> in <code>flow_templates</code> to send applicants to your page instead.
      </p>
    </>,
  );

export const loaderProblemPage = (title: string, detail: string) =>
  sandboxPage(
    title,
    <>
      <p class="pf-lead">{detail}</p>
      <p class="pf-hint">
        The sandbox serves PassFort's dynamic loader at <code>/onboarding/flow?request_id=…</code> for a request created with{' '}
        <code>POST /4.0/forms/profile/&#123;profile_id&#125;/customer_request</code>, filling in its apikey as your server would. <em>(sandbox)</em>
      </p>
    </>,
  );
