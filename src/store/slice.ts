/**
 * Work done in slices of about `ms` each, with the event loop let run between them: a compaction
 * serialises and indexes everything in memory, seconds of work with 10,000 profiles, which must
 * not stop the requests meanwhile.
 */
export class Slice {
  #since = performance.now();
  constructor(readonly ms: number) {}

  /** Call between two pieces of work: waits a turn when this slice has lasted long enough. */
  async next(): Promise<void> {
    if (performance.now() - this.#since < this.ms) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.#since = performance.now();
  }
}
