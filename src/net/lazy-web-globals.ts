/**
 * Stand-ins for the global `Request`, `Response` and `Headers` that load Node's own classes only
 * when a real one is built.
 *
 * Why: Node 20 evaluates its whole fetch implementation (the undici bundle) the first time any of
 * these three is read from `globalThis`, and `@hono/node-server` reads all three when it is
 * imported, to link its lightweight request and response to them. So every start paid for undici
 * (measured with the builds before and after taking turns: spawn to first answer 403 -> 370 ms,
 * RSS 12 s after it 66.4 -> 63.0 MB) although an ordinary API answer never builds a real one: the
 * adapter writes its lightweight response straight to the socket. A real class is still loaded
 * the moment something needs it (a form upload, a header set before the answer, a webhook's
 * fetch), and behaves as before.
 *
 * Only the CLI installs them (src/cli.ts): it owns its process. `createSandbox()` in a user's test
 * process never replaces that process's globals.
 */

export const LAZY_WEB_GLOBALS = ['Request', 'Response', 'Headers'] as const;
export type LazyWebGlobal = (typeof LAZY_WEB_GLOBALS)[number];

type Constructor = abstract new (...args: never[]) => object;

/** Static methods a stand-in forwards before the real class exists (after, they are inherited). */
const STATICS: Record<LazyWebGlobal, readonly string[]> = {
  Request: [],
  Response: ['json', 'error', 'redirect'],
  Headers: [],
};

/**
 * Replaces each of the three that is still Node's lazy getter on `target` by a stand-in. Returns
 * the names replaced (none when something already read them: then there is nothing to save).
 */
export function installLazyWebGlobals(target: object = globalThis): LazyWebGlobal[] {
  const replaced: LazyWebGlobal[] = [];
  for (const name of LAZY_WEB_GLOBALS) {
    const own = Object.getOwnPropertyDescriptor(target, name);
    if (!own?.get || !own.configurable) continue;
    const getter = own.get;
    // Node's getter also defines the real class on the global object; by then the global may be
    // something else (@hono/node-server puts its own Request and Response there), which stays.
    const load = (): Constructor => {
      const current = Object.getOwnPropertyDescriptor(target, name)!;
      const real = getter.call(target) as Constructor;
      Object.defineProperty(target, name, current);
      return real;
    };
    Object.defineProperty(target, name, { value: standIn(name, load), writable: true, configurable: true, enumerable: false });
    replaced.push(name);
  }
  return replaced;
}

/** Whether a stand-in has loaded its real class yet (false for anything that is not a stand-in). */
export function isLoaded(standInClass: unknown): boolean {
  return typeof standInClass === 'function' && (standInClass as { [LOADED]?: () => boolean })[LOADED]?.() === true;
}

const LOADED = Symbol('lazyWebGlobalLoaded');

function standIn(name: LazyWebGlobal, load: () => Constructor): Constructor {
  let real: Constructor | undefined;
  const realClass = (): Constructor => {
    if (real) return real;
    real = load();
    // From now on a stand-in instance (or one of a subclass, like @hono/node-server's) is a real
    // one: it has the real prototype's methods and passes the real class's checks.
    Object.setPrototypeOf(StandIn.prototype, real.prototype);
    Object.setPrototypeOf(StandIn, real);
    return real;
  };
  const StandIn = class {
    constructor(...args: unknown[]) {
      // Built by the real constructor (its internal state), with the prototype asked for: the
      // stand-in's or a subclass's.
      return Reflect.construct(realClass(), args, new.target) as object;
    }
    static [Symbol.hasInstance](value: unknown): boolean {
      if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
      if (this !== StandIn || typeof value !== 'object' || value === null) return false;
      // One built elsewhere (a fetch's response, when fetch loaded Node's classes itself) is an
      // instance too. It names itself like the class, and only then is the real class worth asking.
      if (real === undefined && (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] !== name) return false;
      return value instanceof realClass();
    }
    static [LOADED](): boolean {
      return real !== undefined;
    }
  };
  Object.defineProperty(StandIn, 'name', { value: name });
  for (const method of STATICS[name]) {
    Object.defineProperty(StandIn, method, {
      value: (...args: unknown[]) => (realClass() as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args),
      writable: true,
      configurable: true,
    });
  }
  return StandIn;
}
