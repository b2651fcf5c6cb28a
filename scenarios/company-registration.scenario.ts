/**
 * Company registration flow through the integrator's app and the dynamic loader.
 *
 * An applicant signs a company up on the integrator's site. The app creates a stub profile
 * and a registration-flow request, then serves PassFort's dynamic loader with the request's
 * id and key. The applicant describes the company; PassFort starts the company checks at
 * once, before the applicant has finished. The ownership check finds shareholders, so the
 * flow asks a follow-up form about who controls the company. On Finish the product
 * application is added and the applicant is sent back to the integrator's site.
 */
import { test, expect, personas } from 'passfort-sandbox/playwright';

test('a company signs up, the checks run before the end, a shareholder form follows, and the applicant is redirected', async ({
  api,
  clock,
  exampleApp,
  page,
  collectionForm,
}) => {
  const acme = personas.acme;
  // A stopped clock: the checks wait for the test to move it, however slow the machine is.
  await clock.freeze();

  await test.step("the applicant starts on the integrator's sign-up page", async () => {
    await page.goto(exampleApp.url);
    await page.getByRole('radio', { name: 'A company' }).check();
    await page.getByLabel('Email address').fill(acme.email);
    await page.getByRole('button', { name: 'Start my application' }).click();
    await expect(page).toHaveURL(/\/onboarding\/[0-9a-f-]{36}$/);
  });

  const applicant = [...exampleApp.store.applicants.values()][0]!;

  await test.step('the dynamic loader shows the first form; the applicant describes the company', async () => {
    await collectionForm.waitForForm('company_details');
    await expect(collectionForm.heading).toHaveText('About your company');
    await collectionForm.fill(acme);
    const next = await collectionForm.submit();
    expect(next.state).toBe('waiting');
  });

  await test.step('the company checks are already running, before the applicant has finished', async () => {
    const detail = await api.customerRequests.detail(applicant.request_id!);
    expect(detail.status).toBe('SENT');
    expect(detail.checks.map((c) => [c.check_type, c.state]).sort()).toEqual([
      ['COMPANY_OWNERSHIP', 'STARTED'],
      ['COMPANY_REGISTRY', 'STARTED'],
    ]);
    const onProfile = (await api.profiles.checks(applicant.profile_id!)).filter((c) => detail.checks.some((d) => d.check_id === c.id));
    expect(onProfile.map((c) => c.state)).toEqual(['PENDING', 'PENDING']);
  });

  await test.step('the ownership check finds shareholders, so the follow-up form appears', async () => {
    await clock.advance('5s');
    await collectionForm.waitForForm('shareholders');
    await expect(collectionForm.heading).toHaveText('Who controls your company');
    await collectionForm.fill(acme);
    await collectionForm.submit();
  });

  await test.step('Finish: the applicant lands back on the integrator site, which knows the outcome', async () => {
    await expect(page).toHaveURL(`${exampleApp.url}/status/${applicant.id}`);
    await expect(page.getByTestId('request-status')).toHaveText('COMPLETED');
    await expect(page.getByTestId('applications')).toHaveText('Business Account: APPLIED');
  });

  await test.step('PassFort has the company, the owner and the product application', async () => {
    const data = (await api.profiles.collectedData(applicant.profile_id!)) as any;
    expect(data.metadata).toMatchObject({ name: acme.name, number: acme.number, country_of_incorporation: 'GBR' });
    expect(data.ownership_structure.beneficial_owners[0].immediate_data.personal_details.name.family_name).toBe(acme.owner!.family_name);
    const applications = await api.profiles.applications(applicant.profile_id!);
    expect(applications.map((a) => a.product.alias)).toEqual(['business_account']);
    expect(await api.customerRequests.latest(applicant.profile_id!)).toMatchObject({ is_completed: true });
  });
});
