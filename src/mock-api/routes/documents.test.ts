import { describe, expect, it } from 'vitest';
import { individual, makeTestApp, T0 } from '../../../test/support/test-app.js';
import { Msg } from '../../domain/messages.js';
import { MAX_UPLOAD_BYTES } from '../../domain/documents.js';
import { formatDateTime } from '../../core/dates.js';
import { TINY_PNG } from '../../conformance/recipes.js';

type Call = ReturnType<typeof makeTestApp>['call'];
const bare = async (call: Call) => (await call('POST', '/4.0/profiles', { ...individual(), applications: [] })).body.id as string;

describe('document images', () => {
  it('stores an image and returns only its metadata, never the bytes', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const res = await call('POST', `/4.0/profiles/${pid}/document_images`, { image_type: 'FRONT', document_type: 'PASSPORT', document_category: 'PROOF_OF_IDENTITY', data: TINY_PNG });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(String),
      image_type: 'FRONT',
      upload_date: formatDateTime(T0),
      document_type: 'PASSPORT',
      document_category: 'PROOF_OF_IDENTITY',
      encrypted_data: {},
      size_bytes: 70,
      content_type: 'image/png',
    });
    const again = (await call('GET', `/4.0/profiles/${pid}/document_images/${res.body.id}`)).body;
    expect(again).toEqual(res.body);
    expect(JSON.stringify((await call('GET', `/4.0/profiles/${pid}`)).body)).not.toContain(TINY_PNG);
    expect((await call('GET', `/4.0/profiles/${pid}/document_images`)).body).toEqual([res.body]);
    expect((await call('GET', `/4.0/profiles/${pid}/audit-items`)).body.at(-1)).toMatchObject({ action: 'uploaded-a-document' });
  });

  it('accepts a data URI', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const res = await call('POST', `/4.0/profiles/${pid}/document_images`, { image_type: 'FACE', data: `data:image/png;base64,${TINY_PNG}` });
    expect(res.body).toMatchObject({ image_type: 'FACE', content_type: 'image/png', size_bytes: 70 });
  });

  it.each([
    ['broken base64', { image_type: 'FRONT', data: 'abc$def' }, 400, 'data', Msg.badBase64({ at: 3, char: '$' })],
    ['base64 of an impossible length', { image_type: 'FRONT', data: 'abcde' }, 400, 'data', Msg.badBase64(null)],
    ['empty data', { image_type: 'FRONT', data: '' }, 400, 'data', Msg.uploadEmpty],
    ['a data URI that is not base64', { image_type: 'FRONT', data: 'data:image/png,hello' }, 400, 'data', Msg.dataUriNotBase64],
    ['a data URI of a text file', { image_type: 'FRONT', data: 'data:text/plain;base64,aGVsbG8=' }, 415, 'data', Msg.uploadTypeNotAccepted('text/plain')],
    ['an unknown image type', { image_type: 'SIDE', data: TINY_PNG }, 400, 'image_type', ''],
    ['no data', { image_type: 'FRONT' }, 400, 'data', ''],
  ])('refuses %s, naming the field', async (_what, body, status, field, message) => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const res = await call('POST', `/4.0/profiles/${pid}/document_images`, body);
    expect(res.status).toBe(status);
    expect(res.body.errors[0].info.field).toBe(field);
    if (message) expect(res.body.errors[0].message).toBe(message);
    expect((await call('GET', `/4.0/profiles/${pid}/document_images`)).body).toEqual([]);
  });

  it('refuses an image over the size limit with 413, storing nothing', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const data = 'A'.repeat(Math.ceil(((MAX_UPLOAD_BYTES + 3) / 3) * 4));
    const res = await call('POST', `/4.0/profiles/${pid}/document_images`, { image_type: 'FRONT', data });
    expect(res.status).toBe(413);
    expect(res.body.errors[0]).toMatchObject({ code: 201, info: { field: 'data', limit_bytes: MAX_UPLOAD_BYTES } });
    expect((await call('GET', `/4.0/profiles/${pid}/document_images`)).body).toEqual([]);
  });

  it('answers 404 for an image of another profile', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const image = (await call('POST', `/4.0/profiles/${pid}/document_images`, { image_type: 'FRONT', data: TINY_PNG })).body;
    const other = await bare(call);
    const res = await call('GET', `/4.0/profiles/${other}/document_images/${image.id}`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].message).toBe(Msg.imageNotFound(image.id, other));
  });
});

describe('POST /4.0/profiles/{id}/collected_data/documents', () => {
  it('appends a document referencing an uploaded image, with a new ETag and COLLECTED_DATA_UPDATED', async () => {
    const { call, events } = makeTestApp();
    const pid = await bare(call);
    const etag = (await call('GET', `/4.0/profiles/${pid}/collected_data`)).headers.get('etag');
    const image = (await call('POST', `/4.0/profiles/${pid}/document_images`, { image_type: 'FRONT', data: TINY_PNG })).body;
    const res = await call('POST', `/4.0/profiles/${pid}/collected_data/documents`, { category: 'PROOF_OF_IDENTITY', document_type: 'DRIVING_LICENCE', images: [{ id: image.id }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ category: 'PROOF_OF_IDENTITY', document_type: 'DRIVING_LICENCE', images: [{ id: image.id, image_type: 'FRONT' }] });
    const data = await call('GET', `/4.0/profiles/${pid}/collected_data`);
    expect(data.body.documents).toEqual([res.body]);
    expect(data.headers.get('etag')).not.toBe(etag);
    expect(events.filter((e) => e.type === 'COLLECTED_DATA_UPDATED')).toHaveLength(1);
  });

  it('uploads images sent with data and stores only their metadata in collected data', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const res = await call('POST', `/4.0/profiles/${pid}/collected_data/documents`, {
      category: 'PROOF_OF_IDENTITY',
      document_type: 'PASSPORT',
      images: [{ image_type: 'FRONT', data: TINY_PNG }],
    });
    expect(res.status).toBe(200);
    const images = (await call('GET', `/4.0/profiles/${pid}/document_images`)).body;
    expect(images).toHaveLength(1);
    expect(res.body.images).toEqual([{ id: images[0].id, image_type: 'FRONT', upload_date: formatDateTime(T0), document_type: 'PASSPORT', document_category: 'PROOF_OF_IDENTITY' }]);
    expect(JSON.stringify((await call('GET', `/4.0/profiles/${pid}/collected_data`)).body)).not.toContain(TINY_PNG);
  });

  it.each([
    ['an image id of nothing', { images: [{ id: '00000000-0000-4000-8000-000000000000' }] }, 'images[0].id'],
    ['an image with neither id nor data', { images: [{ image_type: 'FRONT' }] }, 'images[0]'],
    ['broken image data', { images: [{ image_type: 'FRONT', data: '!!' }] }, 'images[0].data'],
    ['an unknown category', { category: 'SELFIE_OF_CAT' }, 'category'],
  ])('refuses %s and changes nothing', async (_what, patch, field) => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const before = (await call('GET', `/4.0/profiles/${pid}/collected_data`)).body;
    const res = await call('POST', `/4.0/profiles/${pid}/collected_data/documents`, { category: 'PROOF_OF_IDENTITY', document_type: 'PASSPORT', images: [], ...patch });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].info.field).toBe(field);
    expect((await call('GET', `/4.0/profiles/${pid}/collected_data`)).body).toEqual(before);
    expect((await call('GET', `/4.0/profiles/${pid}/document_images`)).body).toEqual([]);
  });
});

describe('files', () => {
  it('stores a file and returns its metadata only', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const res = await call('POST', `/4.0/profiles/${pid}/files`, { data: Buffer.from('%PDF-1.4 hello').toString('base64'), name: 'statement.pdf' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'statement.pdf', encrypted_data: {}, size_bytes: 14, content_type: 'application/pdf' });
    expect((await call('GET', `/4.0/profiles/${pid}/files/${res.body.id}`)).body).toEqual(res.body);
    expect((await call('GET', `/4.0/profiles/${pid}/audit-items`)).body.at(-1)).toMatchObject({ action: 'added-a-file' });
  });

  it('refuses broken base64 and answers 404 for an unknown file', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const bad = await call('POST', `/4.0/profiles/${pid}/files`, { data: 'not base64!' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].info.field).toBe('data');
    const missing = await call('GET', `/4.0/profiles/${pid}/files/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
  });
});

describe('GET /4.0/profiles/{id}/audit-items', () => {
  it('lists every change in order with PassFort action names and the API key', async () => {
    const { call } = makeTestApp();
    const p = (await call('POST', '/4.0/profiles', individual())).body;
    await call('POST', `/4.0/profiles/${p.id}/tags`, { name: 'vip' });
    const audit = (await call('GET', `/4.0/profiles/${p.id}/audit-items`)).body;
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'created-profile',
      'added-product',
      'added-a-task',
      'instructed-check',
      'completed-a-task',
      'added-a-task',
      'instructed-check',
      'added-a-tag',
    ]);
    expect(audit[0]).toMatchObject({ profileID: p.id, apikey: { name: 'Master API key' }, user: null, timestamp: T0 / 1000, filename: null, filehash: null, signature: null });
    // The smart policy's own steps are not the caller's.
    expect(audit[2]).toMatchObject({ apikey: null, user: null });
  });

  it('answers 404 for an unknown profile', async () => {
    const { call } = makeTestApp();
    const res = await call('GET', '/4.0/profiles/00000000-0000-4000-8000-000000000000/audit-items');
    expect(res.status).toBe(404);
  });
});
