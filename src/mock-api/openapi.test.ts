import { OpenAPIHono, z } from '@hono/zod-openapi';
import { describe, expect, it, vi } from 'vitest';
import { createRoute, jsonBody, jsonResponse, passfortHook } from './openapi.js';
import { createProfileBody } from './schemas.js';

const ok = z.object({ ok: z.boolean() });

function appWith(body: z.ZodType, query?: z.ZodObject) {
  return new OpenAPIHono({ defaultHook: passfortHook }).openapi(
    createRoute({
      method: 'post',
      path: '/things',
      request: { body: jsonBody(body), ...(query ? { query } : {}) },
      responses: { 200: jsonResponse(ok, 'done') },
    }),
    (c) => c.json({ ok: true }, 200),
  );
}

const post = (app: ReturnType<typeof appWith>, body: unknown, path = '/things') =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('createRoute', () => {
  it('validates request bodies and queries with the synchronous parse (zod compiles only that one)', async () => {
    const body = z.object({ name: z.string().min(2) });
    const query = z.object({ limit: z.string().regex(/^\d+$/) });
    const app = appWith(body, query);
    const bodyParse = vi.spyOn(body, 'safeParse');
    const queryParse = vi.spyOn(query, 'safeParse');

    expect((await post(app, { name: 'Ada' }, '/things?limit=5')).status).toBe(200);
    expect(bodyParse).toHaveBeenCalledTimes(1);
    expect(queryParse).toHaveBeenCalledTimes(1);

    const bad = await post(app, { name: 'A' }, '/things?limit=5');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('name');
  });

  it('falls back to the asynchronous parse for a schema that refines asynchronously', async () => {
    const body = z.object({ name: z.string() }).refine(async (v) => v.name !== 'taken', { message: 'name is taken', path: ['name'] });
    const app = appWith(body);

    expect((await post(app, { name: 'free' })).status).toBe(200);
    const taken = await post(app, { name: 'taken' });
    expect(taken.status).toBe(400);
    expect(JSON.stringify(await taken.json())).toContain('name is taken');
  });

  it('gives the same result as zod own asynchronous parse for the profile body', async () => {
    createRoute({ method: 'post', path: '/p', request: { body: jsonBody(createProfileBody) }, responses: {} });
    const good = { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: ['A'], family_name: 'B' } } } };
    const bad = { role: 'NOT_A_ROLE', collected_data: { entity_type: 'INDIVIDUAL', extra: 1 } };
    for (const input of [good, bad]) {
      const reference = await z.safeParseAsync(createProfileBody, input);
      expect(await createProfileBody.safeParseAsync(input)).toEqual(reference);
    }
    expect(Object.hasOwn(createProfileBody, 'safeParseAsync')).toBe(true);
  });
});
