/**
 * `GET /docs`: the sandbox's OpenAPI document as a readable page, rendered on the server from
 * the same document `/openapi.json` serves (itself generated from the zod schemas that
 * validate requests), so the page cannot drift from what the API accepts. No CDN, no
 * framework: it works offline and in CI logs.
 */

type Schema = Record<string, any>;
type Doc = { info?: { title?: string; version?: string; description?: string }; paths?: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const MAX_DEPTH = 5;

export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Patterns people read better by name. */
const KNOWN_PATTERNS: Record<string, string> = {
  '^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$': 'UUID',
  '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$': 'YYYY-MM-DD hh:mm:ss',
  '^\\d{4}-\\d{2}-\\d{2}$': 'YYYY-MM-DD',
  '^\\d{4}(-\\d{2}(-\\d{2})?)?$': 'YYYY, YYYY-MM or YYYY-MM-DD',
  '^\\d{4}-\\d{2}$': 'YYYY-MM',
};

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function resolve(doc: Doc, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const name = s.$ref.split('/').pop()!;
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

function typeLabel(doc: Doc, raw: Schema): string {
  const s = resolve(doc, raw);
  if (s.const !== undefined) return `= ${JSON.stringify(s.const)}`;
  if (Array.isArray(s.enum)) {
    const shown = s.enum.slice(0, 30).map((v: unknown) => JSON.stringify(v)).join(', ');
    return s.enum.length > 30 ? `one of ${s.enum.length} values (${shown}, …)` : `one of ${shown}`;
  }
  const type = Array.isArray(s.type) ? s.type.join(' or ') : s.type;
  if (type === 'array' || (Array.isArray(s.type) && s.type.includes('array'))) return `array of ${typeLabel(doc, s.items ?? {})}`;
  if (s.anyOf || s.oneOf) return (s.anyOf ?? s.oneOf).map((x: Schema) => typeLabel(doc, x)).join(' | ');
  const extra = [s.format, s.pattern ? (KNOWN_PATTERNS[s.pattern] ?? `pattern ${s.pattern}`) : null, s.maxLength !== undefined ? `max ${s.maxLength} chars` : null]
    .filter(Boolean)
    .join(', ');
  return `${type ?? (s.properties ? 'object' : 'any')}${extra ? ` (${extra})` : ''}`;
}

const refName = (raw: Schema | undefined) => (typeof raw?.$ref === 'string' ? raw.$ref.split('/').pop()! : null);

function renderSchema(doc: Doc, raw: Schema | undefined, depth = 0, seen = new Set<Schema>()): string {
  // Named schemas are described once, in the Schemas section, and linked from everywhere else.
  const named = refName(raw);
  if (named) return `<p>See <a href="#schema-${slug(named)}">${escapeHtml(named)}</a>.</p>`;
  const s = resolve(doc, raw);
  if (seen.has(s)) return '<p class="muted">(recursive: as above)</p>';
  if (depth > MAX_DEPTH) return '<p class="muted">… deeper levels are in /openapi.json</p>';
  const next = new Set(seen).add(s);
  const variants: Schema[] | undefined = s.oneOf ?? s.anyOf;
  if (variants && !s.properties) {
    return `<p>One of:</p><ol>${variants.map((v) => `<li>${renderSchema(doc, v, depth + 1, next)}</li>`).join('')}</ol>`;
  }
  if ((s.type === 'array' || s.items) && !s.properties) {
    return `<p>An array of:</p>${renderSchema(doc, s.items ?? {}, depth + 1, next)}`;
  }
  const props: Record<string, Schema> = s.properties ?? {};
  const names = Object.keys(props);
  if (names.length === 0) return `<p><span class="type">${escapeHtml(typeLabel(doc, s))}</span>${s.description ? ` — ${escapeHtml(s.description)}` : ''}</p>`;
  const required = new Set<string>(s.required ?? []);
  const rows = names.map((name) => {
    const linked = refName(props[name]) ?? refName(props[name]!.items);
    if (linked) {
      return `<li><code>${escapeHtml(name)}</code> <span class="type">${props[name]!.items ? 'array of ' : ''}<a href="#schema-${slug(linked)}">${escapeHtml(linked)}</a></span>${required.has(name) ? ' <strong class="req">required</strong>' : ''}</li>`;
    }
    const p = resolve(doc, props[name]);
    const nested = (p.properties || p.items?.properties || resolve(doc, p.items).properties || p.oneOf || p.anyOf) && depth < MAX_DEPTH;
    const desc = p.description ?? props[name]!.description;
    return (
      `<li><code>${escapeHtml(name)}</code> <span class="type">${escapeHtml(typeLabel(doc, p))}</span>` +
      `${required.has(name) ? ' <strong class="req">required</strong>' : ''}${desc ? ` — ${escapeHtml(desc)}` : ''}` +
      `${nested ? `<details><summary>fields</summary>${renderSchema(doc, p, depth + 1, next)}</details>` : ''}</li>`
    );
  });
  const closed = s.additionalProperties === false ? '<p class="muted">No other fields are accepted.</p>' : '';
  return `<ul class="fields">${rows.join('')}</ul>${closed}`;
}

function renderParams(doc: Doc, params: any[] | undefined): string {
  if (!params?.length) return '';
  const rows = params
    .filter((p) => p.name !== 'apikey')
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td>` +
        `<td>${escapeHtml(typeLabel(doc, p.schema ?? {}))}${p.schema?.description || p.description ? ` — ${escapeHtml(p.schema?.description ?? p.description)}` : ''}</td></tr>`,
    );
  if (rows.length === 0) return '';
  return `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Required</th><th>What</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderOperation(doc: Doc, method: string, path: string, op: any): string {
  const id = `op-${method}-${slug(path)}`;
  const body = op.requestBody?.content?.['application/json']?.schema;
  const responses = Object.entries(op.responses ?? {}) as [string, any][];
  const text = `${method} ${path} ${op.summary ?? ''} ${op.description ?? ''}`.toLowerCase();
  return (
    `<article class="op" id="${id}" data-text="${escapeHtml(text)}">` +
    `<h3><a href="#${id}"><span class="method m-${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></a></h3>` +
    (op.summary ? `<p class="summary">${escapeHtml(op.summary)}</p>` : '') +
    (op.description ? `<p>${escapeHtml(op.description)}</p>` : '') +
    renderParams(doc, op.parameters) +
    (body ? `<h4>Request body${op.requestBody.required ? '' : ' (optional)'}</h4>${renderSchema(doc, body)}` : '') +
    responses
      .map(([status, r]) => {
        const schema = r.content?.['application/json']?.schema;
        return `<h4>Response ${escapeHtml(status)}${r.description ? ` — ${escapeHtml(r.description)}` : ''}</h4>${schema ? `<details><summary>body</summary>${renderSchema(doc, schema)}</details>` : ''}`;
      })
      .join('') +
    `</article>`
  );
}

const STYLE = `
:root{--fg:#14181f;--bg:#ffffff;--muted:#4a5263;--line:#d5d9e0;--accent:#1f4fd6;--code:#f3f5f9}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:16px 24px;border-bottom:1px solid var(--line);display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:22px;margin:0}.badge{border:2px solid var(--accent);color:var(--accent);border-radius:4px;padding:0 6px;font-weight:600}
.layout{display:grid;grid-template-columns:260px 1fr}nav{border-right:1px solid var(--line);padding:16px;position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto}
nav a{display:block;color:var(--fg);text-decoration:none;padding:2px 0}nav a:hover,nav a:focus{text-decoration:underline}
main{padding:16px 24px;max-width:1100px;min-width:0}code{overflow-wrap:anywhere}table{display:block;overflow-x:auto;max-width:100%}section h2{border-bottom:2px solid var(--line);padding-bottom:4px}
.op{border:1px solid var(--line);border-radius:6px;padding:8px 16px;margin:12px 0}.op h3{margin:8px 0;font-size:18px}.op h3 a{color:var(--fg);text-decoration:none}
.method{display:inline-block;min-width:64px;text-align:center;font-weight:700;border:2px solid currentColor;border-radius:4px;padding:0 4px;font-size:14px}
.m-get{color:#0b6b3a}.m-post{color:#1f4fd6}.m-delete{color:#a4262c}.m-put{color:#8a4b00}.summary{font-weight:600}
code{background:var(--code);padding:1px 4px;border-radius:3px;font-size:15px}.type{color:var(--muted)}.req{color:#a4262c}.muted{color:var(--muted)}
table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
ul.fields{padding-left:20px}details{margin:4px 0}summary{cursor:pointer;color:var(--accent)}
#filter{font-size:16px;padding:6px 8px;min-width:280px;border:1px solid var(--muted);border-radius:4px}
@media (max-width:800px){.layout{grid-template-columns:1fr}nav{position:static;max-height:none;border-right:0;border-bottom:1px solid var(--line)}}
`;

const SCRIPT = `
const f=document.getElementById('filter');
f.addEventListener('input',()=>{const q=f.value.toLowerCase().trim();
document.querySelectorAll('.op').forEach(o=>{o.hidden=q!==''&&!o.dataset.text.includes(q)});
document.querySelectorAll('main section').forEach(s=>{s.hidden=[...s.querySelectorAll('.op')].every(o=>o.hidden)})});
`;

export function docsPage(doc: Doc): string {
  const groups = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push(renderOperation(doc, method, path, op));
    }
  }
  const tags = [...groups.keys()].sort((a, b) => Number(a.startsWith('Sandbox')) - Number(b.startsWith('Sandbox')) || a.localeCompare(b));
  const count = [...groups.values()].reduce((n, ops) => n + ops.length, 0);
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(
    ([name, schema]) => `<article class="op" id="schema-${slug(name)}" data-text="${escapeHtml(name.toLowerCase())}"><h3>${escapeHtml(name)}</h3>${renderSchema(doc, schema, 1)}</article>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.info?.title ?? 'API')} — API reference</title><style>${STYLE}</style></head><body>
<a href="#main" class="muted">Skip to the operations</a>
<header><h1>${escapeHtml(doc.info?.title ?? 'API')} <span class="muted">${escapeHtml(doc.info?.version ?? '')}</span></h1><span class="badge">sandbox</span>
<label>Filter operations <input id="filter" type="search" placeholder="e.g. checks, POST, expiry"></label>
<a href="/openapi.json">openapi.json</a></header>
<div class="layout"><nav aria-label="Sections">${tags.map((t) => `<a href="#${slug(t)}">${escapeHtml(t)} (${groups.get(t)!.length})</a>`).join('')}${schemas.length ? '<a href="#schemas">Schemas</a>' : ''}</nav>
<main id="main"><p>${count} operations. The PassFort API is under <code>/4.0</code> and takes the API key in the <code>apikey</code> header or query parameter; the sandbox's own control API is under <code>/__sandbox</code> with a workspace master key. Errors come as <code>{"errors":[{"code","message","source","info"}]}</code>. Demo outcomes: <code>GET /__sandbox/scenarios</code>.</p>
${tags.map((t) => `<section id="${slug(t)}"><h2>${escapeHtml(t)}</h2>${groups.get(t)!.join('')}</section>`).join('')}
${schemas.length ? `<section id="schemas"><h2>Schemas</h2>${schemas.join('')}</section>` : ''}
</main></div><script>${SCRIPT}</script></body></html>`;
}
