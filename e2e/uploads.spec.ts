import { test, expect, collectionFrame, shot } from './support/fixtures.js';
import { documentBack, documentFront, fakePhoto, hugePhoto, pdf, png, selfie } from './support/images.js';

test('photos are checked by their content and size before anything is sent; replace and remove keep the server in step', async ({ page, workspace }) => {
  const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
  const uploads: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/documents') && uploads.push(r.url()));

  // Straight to the document step: the details form is answered through the collection API.
  {
    const res = await fetch(`${workspace.urls.api}/collection/api/requests/${request.id}/forms/${request.forms[0]!.id}/submit`, {
      method: 'POST',
      headers: { apikey: request.apikey, 'content-type': 'application/json' },
      body: JSON.stringify({
        answers: { given_names: 'Ula', family_name: 'Load', dob: '1980-01-01', nationality: 'GBR', email: 'ula@example.com', address: { type: 'STRUCTURED', route: 'High Street', postal_town: 'Leeds', country: 'GBR' } },
      }),
    });
    expect(res.status).toBe(200);
  }
  await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
  const form = collectionFrame(page);
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your identity document');
  await form.getByRole('radio', { name: 'Driving licence' }).check();

  const front = form.getByLabel('Front of the document');
  await expect(front).toHaveAttribute('accept', 'image/*,application/pdf');
  await expect(form.getByLabel('A photo of your face (selfie)')).toHaveAttribute('accept', 'image/*');
  await expect(front).not.toHaveAttribute('capture');

  // A text file named .jpg, a file over 10 MB, a PDF selfie: refused here, never uploaded.
  await front.setInputFiles(fakePhoto());
  await expect(form.getByText('Error: The selected file must be a JPG, PNG, WebP or HEIC photo, or a PDF')).toBeVisible();
  await expect(front).toHaveAttribute('aria-invalid', 'true');
  await front.setInputFiles(hugePhoto());
  await expect(form.getByText('Error: The selected file must be smaller than 10 MB')).toBeVisible();
  await form.getByLabel('A photo of your face (selfie)').setInputFiles(pdf());
  await expect(form.getByText('Error: The selected file must be a JPG, PNG, WebP or HEIC photo', { exact: true })).toBeVisible();
  expect(uploads).toEqual([]);

  // Good files: a preview each, then Replace and Remove.
  await front.setInputFiles(png('front.png', documentFront()));
  await expect(form.getByText('Uploaded: front.png')).toBeVisible();
  await expect(front).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('img', { name: 'Preview of front of the document' })).toBeVisible();
  await form.getByLabel('Back of the document').setInputFiles(pdf());
  await expect(form.getByText('Uploaded: statement.pdf')).toBeVisible();
  await form.getByLabel('A photo of your face (selfie)').setInputFiles(png('selfie.png', selfie()));
  await expect(form.getByText('Uploaded: selfie.png')).toBeVisible();
  await expect(form.getByText('Replace')).toHaveCount(3);
  await test.info().attach('uploaded', { path: await shot(page, 'uploaded.png'), contentType: 'image/png' });

  const before = (await workspace.detail(request.id)).forms[1].documents.document;
  expect(before.document_type).toBe('DRIVING_LICENCE');
  expect(Object.keys(before.elements)).toEqual(['FRONT', 'BACK', 'SELFIE']);
  expect(before.elements.BACK.content_type).toBe('application/pdf');

  await form.getByLabel('Back of the document').setInputFiles(png('back.png', documentBack()));
  await expect(form.getByText('Uploaded: back.png')).toBeVisible();
  await form.getByRole('button', { name: 'Remove front of the document' }).click();
  await expect(form.getByText('Uploaded: front.png')).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Remove front of the document' })).toBeHidden();
  const after = (await workspace.detail(request.id)).forms[1].documents.document;
  expect(Object.keys(after.elements)).toEqual(['BACK', 'SELFIE']);
  expect(after.elements.BACK.content_type).toBe('image/png');
  expect(after.elements.BACK.upload_id).not.toBe(before.elements.BACK.upload_id);
  expect(uploads).toHaveLength(4);

  await front.setInputFiles(png('front-2.png', documentFront()));
  await expect(form.getByText('Uploaded: front-2.png')).toBeVisible();
  await form.getByRole('button', { name: 'Finish' }).click();
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Data successfully submitted.');
  const done = (await workspace.detail(request.id)).forms[1].documents.document;
  expect(done.document_id).toEqual(expect.any(String));
  expect(Object.values(done.elements).every((e: any) => typeof e.image_id === 'string')).toBe(true);
});
