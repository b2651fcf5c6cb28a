/**
 * In-process publish/subscribe. Domain changes are committed first, then published here;
 * webhooks, email, the dashboard and the SSE stream subscribe. Nothing that writes data
 * knows who listens.
 */

export type Listener<T> = (item: T) => void;

export class EventBus<T> {
  #listeners = new Set<Listener<T>>();
  #onError: (err: unknown) => void;

  constructor(onError: (err: unknown) => void = (err) => console.error('passfort-sandbox: a subscriber failed:', err)) {
    this.#onError = onError;
  }

  subscribe(listener: Listener<T>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(item: T): void {
    for (const listener of this.#listeners) {
      // A broken subscriber must not stop the others or the caller.
      try {
        listener(item);
      } catch (err) {
        this.#onError(err);
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }
}
