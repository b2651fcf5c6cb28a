/**
 * `npm run bench [name…]`: runs the benchmarks (all, or the named ones) and prints their
 * figures. Each module measures its own baseline in the same run and reports ratios, so the
 * numbers mean something on any machine. Timing goals live here, never in tests.
 */
type Bench = { name: string; run: () => Promise<void> };

const benches: Bench[] = [
  { name: 'api', run: async () => (await import('./api.js')).run() },
  { name: 'compaction', run: async () => (await import('./compaction.js')).run() },
  { name: 'webhooks', run: async () => (await import('./webhooks.js')).run() },
  { name: 'inbox', run: async () => (await import('./inbox.js')).run() },
  { name: 'scenarios', run: async () => (await import('./scenarios.js')).run() },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !benches.some((b) => b.name === w));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
for (const bench of benches) {
  if (wanted.length && !wanted.includes(bench.name)) continue;
  console.log(`\n=== ${bench.name} ===`);
  await bench.run();
}
