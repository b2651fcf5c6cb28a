import { describe, expect, it, vi } from 'vitest';
import { RequestError } from '@hono/node-server';
import { ErrorCode } from '../core/errors.js';
import { z } from 'zod';
import { adapterErrorResponse, describeIssue, MAX_LISTED_PROBLEMS, parserErrorAnswer, validationError } from './errors.js';
import { HttpMsg } from './messages.js';

describe('adapterErrorResponse', () => {
  it('answers a request the adapter could not read with a 400 naming what was wrong', async () => {
    const res = adapterErrorResponse(new RequestError('Invalid host header'));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      errors: [{ code: ErrorCode.INVALID_INPUT_DATA, message: HttpMsg.unreadableRequest('Invalid host header'), source: 'API', info: {} }],
    });
  });

  it('answers any other failure with the 500 envelope, leaking nothing, and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = adapterErrorResponse(new Error('secret detail'));
      expect(res.status).toBe(500);
      const body = await res.json();
      expect(body).toEqual({ errors: [{ code: ErrorCode.UNKNOWN_INTERNAL_ERROR, message: HttpMsg.internal, source: 'API', info: {} }] });
      expect(JSON.stringify(body)).not.toContain('secret detail');
      expect(log).toHaveBeenCalledOnce();
    } finally {
      log.mockRestore();
    }
  });
});

describe('parserErrorAnswer', () => {
  it('names the parser error in a 400, and a header block over 16 KB is a 431', () => {
    const bad = parserErrorAnswer('HPE_INVALID_URL');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).errors[0]).toEqual({
      code: ErrorCode.INVALID_INPUT_DATA,
      message: HttpMsg.notHttp('HPE_INVALID_URL'),
      source: 'API',
      info: { parser_code: 'HPE_INVALID_URL' },
    });
    const big = parserErrorAnswer('HPE_HEADER_OVERFLOW');
    expect(big.status).toBe(431);
    expect(JSON.parse(big.body).errors[0].message).toBe(HttpMsg.headersTooLarge);
  });
});

describe('validationError', () => {
  it(`lists at most ${MAX_LISTED_PROBLEMS} problems and counts the rest`, () => {
    const body = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`k${i}`, i]));
    const result = z.strictObject({}).safeParse(body);
    expect(result.success).toBe(false);
    const err = validationError(result.error!, 'json');
    expect(err.message).toBe(HttpMsg.invalidInput('k0: is not a field PassFort accepts here', 149));
    expect((err.info.problems as unknown[]).length).toBe(MAX_LISTED_PROBLEMS);
    expect(err.info.problems_not_listed).toBe(50);
  });

  it('lists every problem when there are few', () => {
    const result = z.strictObject({ a: z.string() }).safeParse({ a: 1, b: 2 });
    const err = validationError(result.error!);
    expect((err.info.problems as { field: string }[]).map((p) => p.field).sort()).toEqual(['a', 'b']);
    expect(err.info).not.toHaveProperty('problems_not_listed');
  });
});

describe('describeIssue', () => {
  const problem = (schema: z.ZodType, value: unknown) => describeIssue(schema.safeParse(value).error!.issues[0]!)[0]!.problem;

  it.each<[string, z.ZodType, unknown, string]>([
    ['a missing field', z.object({ a: z.string() }), {}, 'is required (string)'],
    ['a wrong type', z.string(), 5, 'must be string, got number'],
    ['a number that did not coerce', z.coerce.number(), 'abc', 'must be a number'],
    ['a number below its minimum', z.number().min(1), 0, 'must be at least 1'],
    ['a number not above an exclusive minimum', z.number().gt(0), 0, 'must be more than 0'],
    ['a number above its maximum', z.number().max(5), 9, 'must be at most 5'],
    ['a string too short', z.string().min(2), 'a', 'must be at least 2 characters long'],
    ['an array too short', z.array(z.string()).min(1), [], 'must have at least 1 items'],
    ['a bound with its own message', z.number().max(200, 'must be at most 200'), 500, 'must be at most 200'],
  ])('%s', (_what, schema, value, expected) => {
    expect(problem(schema, value)).toBe(expected);
  });
});
