/**
 * The theme applied to the form and the email.
 *
 * The integrator's brand: a green "forest" form theme (colour, serif font, pill buttons) and
 * an email theme of its own (subject, sender, button colour, footer). The customer reads the
 * request email — its button in the brand colour, saying `Update information` — follows it,
 * and sees the form in the same colours.
 */
import { test, expect, personas, profileBody } from 'passfort-sandbox/playwright';

const FOREST_GREEN = 'rgb(29, 107, 70)'; // #1d6b46

test('a forest-themed request: the email and the form carry the brand', async ({ api, inbox, sandbox, page, collectionForm }) => {
  await test.step('the integrator has its own email theme', async () => {
    await api.config.update((config) => ({
      ...config,
      email_theme: {
        ...(config.email_theme as object),
        subject: 'Forest Bank needs a few details',
        sender_name: 'Forest Bank',
        sender_address: 'hello@forest-bank.example',
        button_color: '#1d6b46',
        footer: 'Forest Bank plc, 2 Oak Lane, Leeds.',
      },
    }));
  });

  await test.step('a request is sent with the forest form theme', async () => {
    const profile = await api.profiles.create(profileBody(personas.alex));
    const task = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
    await api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id], theme: { alias: 'forest' } });
  });

  const email = await test.step('the email has the subject, sender and footer of the theme', async () => {
    const email = await inbox.waitForEmail({ to: personas.alex.email });
    expect(email.subject).toBe('Forest Bank needs a few details');
    expect(email.from).toBe('Forest Bank <hello@forest-bank.example>');
    expect(email.text).toContain('Forest Bank plc, 2 Oak Lane, Leeds.');
    return email;
  });

  await test.step('the email, as the customer sees it, has its button in the brand colour', async () => {
    await page.goto(`${sandbox.urls.inbox}/view/${email.id}.html`);
    const button = page.getByRole('link', { name: 'Update information' });
    await expect(button).toHaveCSS('background-color', FOREST_GREEN);
    await button.click();
  });

  await test.step('the form opens in the forest theme', async () => {
    await collectionForm.waitForForm('identity_documents');
    const button = collectionForm.submitButton;
    await expect(button).toHaveCSS('background-color', FOREST_GREEN);
    await expect(button).toHaveCSS('border-top-left-radius', '999px');
    await expect(collectionForm.heading).toHaveCSS('font-family', /Georgia/);
  });
});
