import { PEERS } from './peers.js';
import { fmt, table, type LoadResult } from './support.js';

/**
 * The comparison table of `npm run bench:compare`: rows filled as the run goes, one cell per tool,
 * the ratio sandbox/peer with ✓/✗, and a closing list of every line the sandbox loses.
 */

export interface Cell {
  value: number | null;
  text: string;
}

/** Rows of the table: per tool a cell; `better` says which way is better (for the ✓/✗). */
export interface Row {
  measure: string;
  better?: 'higher' | 'lower';
  cells: Record<string, Cell>;
}

/** One load line of one tool, in one round. */
export interface Measured {
  load: LoadResult;
  goodRps: number;
  /** Status and error title of one request sent before the load, when it was not 2xx. */
  sample?: string;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The rounds of one tool on one line: medians of 2xx/s and p99 (of rounds with 2xx answers), summed counts. */
export function combine(ms: Measured[]): Measured {
  const withGood = ms.filter((m) => m.load.requests > m.load.non2xx);
  const sum = (f: (r: LoadResult) => number) => ms.reduce((n, m) => n + f(m.load), 0);
  const load: LoadResult = {
    rps: median(ms.map((m) => m.load.rps)),
    p50: median(ms.map((m) => m.load.p50)),
    p99: median((withGood.length ? withGood : ms).map((m) => m.load.p99)),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    requests: sum((r) => r.requests),
  };
  const sampled = ms.find((m) => m.sample)?.sample;
  return { load, goodRps: median(ms.map((m) => m.goodRps)), ...(sampled ? { sample: sampled } : {}) };
}

export function ratio(r: Row, peer: string): string {
  if (!r.better) return '';
  const s = r.cells.sandbox?.value;
  const p = r.cells[peer]?.value;
  if (s == null || p == null) return '';
  if (p === 0) return r.better === 'higher' ? (s > 0 ? '∞ ✓' : '') : '';
  const x = s / p;
  const wins = r.better === 'higher' ? x > 1 : x < 1;
  return `${fmt(x, x >= 10 ? 0 : 2)} ${wins ? '✓' : '✗'}`;
}

/** The median of repeated measures, with their range. */
export function medianCell(ms: number[]): Cell {
  const m = median(ms);
  return { value: m, text: ms.length > 1 ? `${fmt(m)} (${fmt(Math.min(...ms))}–${fmt(Math.max(...ms))})` : fmt(m) };
}

export function loadCells(m: Measured | undefined, stateless: boolean): { rps: Cell; p99: Cell; bad: Cell } {
  if (!m) return { rps: { value: null, text: 'not run' }, p99: { value: null, text: 'not run' }, bad: { value: null, text: '' } };
  const good = m.load.requests - m.load.non2xx;
  const tag = stateless ? ' (stateless)' : '';
  return {
    rps: { value: m.goodRps, text: `${fmt(m.goodRps)}${tag}` },
    // The latency of error answers is no latency of the operation: not compared.
    p99: good > 0 ? { value: m.load.p99, text: fmt(m.load.p99, 1) } : { value: null, text: `${fmt(m.load.p99, 1)} (errors only)` },
    bad: { value: null, text: `${fmt(m.load.non2xx)} of ${fmt(m.load.requests)}${m.load.errors ? ` + ${fmt(m.load.errors)} socket errors` : ''}${m.sample ? ` (${m.sample})` : ''}` },
  };
}

export class ComparisonTable {
  readonly rows: Row[] = [];
  readonly notes: string[] = [];

  /** A new row, printed in the order rows were made. */
  row(measure: string, better?: 'higher' | 'lower'): Row {
    const r: Row = { measure, ...(better ? { better } : {}), cells: {} };
    this.rows.push(r);
    return r;
  }

  print(names: string[], version: string): void {
    const peers = names.filter((n) => n !== 'sandbox');
    console.log(`\nsandbox ${version} vs ${peers.map((p) => (p === 'Prism' ? `Prism ${PEERS['@stoplight/prism-cli']}` : `json-server ${PEERS['json-server']}`)).join(' and ')}`);
    console.log('ratio = sandbox/peer; ✓ = the sandbox is better on that line (more 2xx/s; fewer ms or MB)\n');
    table(
      this.rows.map((r) => {
        const out: Record<string, string> = { measure: r.measure, sandbox: r.cells.sandbox?.text ?? '' };
        for (const p of peers) {
          out[p] = r.cells[p]?.text ?? '';
          out[`sandbox/${p}`] = ratio(r, p);
        }
        return out;
      }),
    );
    const losses = this.rows.flatMap((r) => peers.filter((p) => ratio(r, p).endsWith('✗')).map((p) => `${r.measure} vs ${p}`));
    if (losses.length) console.log(`\nthe sandbox is NOT better on: ${losses.join('; ')}`);
    for (const n of this.notes) console.log(`note: ${n}`);
  }
}
