import { describe, expect, it } from 'vitest';
import { installLazyWebGlobals, isLoaded } from './lazy-web-globals.js';

/**
 * A stand-in for Node's global object: each class behind a getter that counts its loads and then
 * defines the class on the object, as Node's own lazy getter does.
 */
function fakeGlobal() {
  class Headers {
    readonly #map = new Map<string, string>();
    constructor(init: Record<string, string> = {}) {
      for (const [k, v] of Object.entries(init)) this.#map.set(k.toLowerCase(), v);
    }
    get(name: string): string | null {
      return this.#map.get(name.toLowerCase()) ?? null;
    }
  }
  class Response {
    readonly #body: string;
    constructor(
      body: string,
      readonly init: { status?: number } = {},
    ) {
      this.#body = body;
    }
    get status(): number {
      return this.init.status ?? 200;
    }
    text(): string {
      return this.#body;
    }
    static json(data: unknown): Response {
      return new Response(JSON.stringify(data));
    }
    get [Symbol.toStringTag](): string {
      return 'Response';
    }
  }
  const loads: string[] = [];
  const target = {} as Record<string, unknown>;
  const real: Record<string, unknown> = { Headers, Response, Request: class Request {} };
  for (const name of Object.keys(real)) {
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: false,
      get() {
        loads.push(name);
        Object.defineProperty(target, name, { value: real[name], writable: true, configurable: true });
        return real[name];
      },
    });
  }
  return { target, loads, Headers, Response };
}

describe('lazy web globals', () => {
  it('load nothing until a real instance is built, then build real ones', () => {
    const { target, loads, Response } = fakeGlobal();
    expect(installLazyWebGlobals(target)).toEqual(['Request', 'Response', 'Headers']);
    const StandIn = target.Response as typeof Response;
    expect(StandIn).not.toBe(Response);
    expect(StandIn.name).toBe('Response');
    // Reading the global, comparing with it and subclassing it load nothing.
    class Lightweight extends StandIn {}
    expect({} instanceof StandIn).toBe(false);
    expect(loads).toEqual([]);
    expect(isLoaded(StandIn)).toBe(false);

    const res = new StandIn('hello', { status: 201 });
    expect(loads).toEqual(['Response']);
    expect(isLoaded(StandIn)).toBe(true);
    expect(res.text()).toBe('hello'); // a private field of the real class: built by its constructor
    expect(res.status).toBe(201);
    expect(res).toBeInstanceOf(Response);
    expect(res).toBeInstanceOf(StandIn);
    // An instance of a subclass is real too, and one built elsewhere passes `instanceof`.
    const sub = new Lightweight('sub');
    expect(sub.text()).toBe('sub');
    expect(sub).toBeInstanceOf(Lightweight);
    expect(sub).toBeInstanceOf(Response);
    expect(new Response('elsewhere')).toBeInstanceOf(StandIn);
    expect(new Response('elsewhere')).not.toBeInstanceOf(Lightweight);
    expect(loads).toEqual(['Response']);
  });

  it('leaves on the global object what was put there after it (as @hono/node-server does)', () => {
    const { target, Headers } = fakeGlobal();
    installLazyWebGlobals(target);
    const StandIn = target.Headers as typeof Headers;
    class Replacement extends StandIn {}
    Object.defineProperty(target, 'Headers', { value: Replacement });
    const h = new StandIn({ 'Content-Type': 'text/plain' });
    expect(h.get('content-type')).toBe('text/plain');
    // Node's getter defined the real class on the object while loading; the replacement stays.
    expect(target.Headers).toBe(Replacement);
  });

  it('knows a real instance built elsewhere before it loaded anything (a fetch response)', () => {
    const { target, loads, Response } = fakeGlobal();
    installLazyWebGlobals(target);
    const StandIn = target.Response as typeof Response;
    // Anything else is answered without loading.
    expect([{}, null, 'Response', { [Symbol.toStringTag]: 'Headers' }].some((v) => v instanceof StandIn)).toBe(false);
    expect(loads).toEqual([]);
    expect(new Response('from fetch')).toBeInstanceOf(StandIn);
    expect(loads).toEqual(['Response']);
    expect({ [Symbol.toStringTag]: 'Response' }).not.toBeInstanceOf(StandIn);
  });

  it('forwards static methods before the real class is loaded', () => {
    const { target, loads, Response } = fakeGlobal();
    installLazyWebGlobals(target);
    const res = (target.Response as typeof Response).json({ a: 1 });
    expect(loads).toEqual(['Response']);
    expect(res).toBeInstanceOf(Response);
    expect(res.text()).toBe('{"a":1}');
  });

  it('replaces nothing already loaded: there is nothing to save', () => {
    const { target, Response } = fakeGlobal();
    expect(target.Response).toBe(Response);
    expect(installLazyWebGlobals(target)).toEqual(['Request', 'Headers']);
    expect(target.Response).toBe(Response);
    expect(isLoaded(target.Response)).toBe(false);
    expect(isLoaded(target.Headers)).toBe(false);
  });
});

describe("lazy web globals over Node's own classes", () => {
  it('keep undici unloaded until a real one is built, then behave as the real ones', async () => {
    // A process of its own: this one has loaded undici long ago.
    const script = `
      import http from 'node:http';
      import { installLazyWebGlobals } from ${JSON.stringify(new URL('./lazy-web-globals.ts', import.meta.url).href)};
      const undici = () => process.moduleLoadList.some((m) => m.includes('undici'));
      const out = { installed: installLazyWebGlobals() };
      class Sub extends Response {}
      out.beforeBuild = undici() || typeof Response !== 'function' || {} instanceof Response;
      const server = http.createServer((req, res) => res.setHeader('x-a', '1').end('hi')).listen(0);
      await new Promise((r) => server.once('listening', r));
      const fetched = await fetch('http://127.0.0.1:' + server.address().port + '/');
      out.fetchedIsResponse = fetched instanceof Response;
      out.fetchedHeaders = fetched.headers instanceof Headers && fetched.headers.get('x-a');
      out.fetchedText = await fetched.text();
      server.close();
      const built = new Response('body', { status: 201, headers: { 'x-b': '2' } });
      out.built = [built.status, built.headers.get('x-b'), await built.text(), built instanceof Response];
      out.sub = await new Sub('sub').text();
      out.json = await Response.json({ a: 1 }).json();
      out.request = new Request('http://x.test/p', { method: 'POST', body: 'b' }).method;
      out.headers = [...new Headers({ 'X-C': '3' })];
      process.stdout.write(JSON.stringify(out));
    `;
    const { execFile } = await import('node:child_process');
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], (err, out, errOut) => (err ? reject(new Error(errOut || String(err))) : resolve(out))),
    );
    expect(JSON.parse(stdout)).toEqual({
      installed: ['Request', 'Response', 'Headers'],
      beforeBuild: false,
      fetchedIsResponse: true,
      fetchedHeaders: '1',
      fetchedText: 'hi',
      built: [201, '2', 'body', true],
      sub: 'sub',
      json: { a: 1 },
      request: 'POST',
      headers: [['x-c', '3']],
    });
  });
});
