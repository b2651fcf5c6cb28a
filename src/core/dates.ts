/** PassFort's wire formats for time, and durations as users type them. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD hh:mm:ss` in UTC, as PassFort's DateTime. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** `YYYY-MM-DD` in UTC. */
export function formatDate(ms: number): string {
  return formatDateTime(ms).slice(0, 10);
}

/** Parses PassFort's DateTime (`YYYY-MM-DD hh:mm:ss`, UTC) or an ISO 8601 string; NaN when neither. */
export function parseDateTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) {
    const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
    return dateOnly ? Date.UTC(+dateOnly[1]!, +dateOnly[2]! - 1, +dateOnly[3]!) : Number.NaN;
  }
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${m[8] ?? 'Z'}`;
  return Date.parse(iso);
}

export const unixSeconds = (ms: number) => Math.floor(ms / 1000);

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * Accepts what people type for "move the clock by": a number of seconds, `90d`, `1h30m`,
 * `500ms`, or an ISO 8601 duration (`P90D`, `PT1H`, `P1DT12H`). Returns milliseconds,
 * or null when the text is none of these.
 */
export function parseDuration(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? Math.round(input * 1000) : null;
  const text = input.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const iso = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (iso && text.length > 1 && !/T$/i.test(text)) {
    const [, w, d, h, m, s] = iso;
    return Math.round(
      Number(w ?? 0) * UNIT_MS.w! +
        Number(d ?? 0) * UNIT_MS.d! +
        Number(h ?? 0) * UNIT_MS.h! +
        Number(m ?? 0) * UNIT_MS.m! +
        Number(s ?? 0) * 1000,
    );
  }
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/gi)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) return null;
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!.toLowerCase()]!, 0));
}
