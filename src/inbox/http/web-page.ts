/**
 * The inbox's web page: a dense list with instant search on the left, the message on the
 * right (HTML in a sandboxed iframe without scripts, plain text, headers, source,
 * attachments), kept live by the `/api/events` websocket. Everything shown is set with
 * textContent, so no message text is ever interpreted as HTML outside the iframe.
 */

const CSS = `
:root{color-scheme:light;--fg:#15202b;--muted:#50606f;--line:#d5dbe1;--sel:#e7effd;--accent:#1f4fd6;--bg:#f6f8fa}
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff;height:100vh;display:flex;flex-direction:column}
header{display:flex;gap:12px;align-items:center;padding:8px 14px;border-bottom:1px solid var(--line);background:var(--bg)}
header h1{font-size:18px;margin:0;white-space:nowrap}.badge{font-size:13px;border:1px solid var(--accent);color:var(--accent);border-radius:10px;padding:0 8px}
header form{flex:1;display:flex;gap:6px}header input{flex:1;font:inherit;padding:5px 8px;border:1px solid var(--line);border-radius:6px}
button{font:inherit;padding:4px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}button:hover{border-color:var(--accent)}
#live{font-size:14px;color:var(--muted);white-space:nowrap}
main{flex:1;display:flex;min-height:0}#list{width:38%;min-width:280px;overflow:auto;border-right:1px solid var(--line);margin:0;padding:0;list-style:none}
#list li{border-bottom:1px solid var(--line)}#list a{display:block;padding:8px 12px;color:inherit;text-decoration:none}
#list li.sel a{background:var(--sel)}#list li.unread .subj::before{content:"● ";color:var(--accent)}#list li.unread .subj{font-weight:700}
#list .meta{display:flex;justify-content:space-between;gap:8px;font-size:14px;color:var(--muted)}#list .snip{font-size:14px;color:var(--muted);overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.tag{display:inline-block;font-size:13px;background:#eef1f4;border-radius:8px;padding:0 6px;margin-right:4px}
.new{animation:hl 2s ease-out}@keyframes hl{from{background:#fff3c4}to{background:transparent}}
#view{flex:1;display:flex;flex-direction:column;min-width:0}#msg{flex-direction:column;flex:1;min-height:0}#msg:not([hidden]){display:flex}#empty{padding:24px;color:var(--muted)}
#head{padding:10px 16px;border-bottom:1px solid var(--line)}#head h2{font-size:20px;margin:0 0 4px}#head dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0;font-size:15px}#head dt{color:var(--muted)}#head dd{margin:0;overflow-wrap:anywhere}
[role=tablist]{display:flex;gap:4px;padding:6px 16px;border-bottom:1px solid var(--line)}[role=tab][aria-selected=true]{border-color:var(--accent);background:var(--sel)}
#panel{flex:1;overflow:auto}#panel iframe{width:100%;height:100%;border:0}#panel pre{margin:0;padding:12px 16px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:14px}
#panel table{border-collapse:collapse;margin:12px 16px;font-size:14px}#panel td{border-bottom:1px solid var(--line);padding:3px 8px;vertical-align:top;overflow-wrap:anywhere}
#atts{padding:6px 16px;font-size:15px}#atts a{margin-right:12px}
`;

const SCRIPT = `
const $ = (s) => document.querySelector(s);
const el = (tag, props = {}, ...kids) => { const e = document.createElement(tag); Object.assign(e, props); for (const k of kids) e.append(k); return e; };
let messages = [], selected = null, query = new URLSearchParams(location.search).get('q') || '', tab = 'html', current = null;
$('#q').value = query;
const addr = (a) => a ? (a.Name ? a.Name + ' <' + a.Address + '>' : a.Address) : '';
const when = (s) => new Date(s).toLocaleString();
async function api(path, init) { const r = await fetch(path, init); if (r.status !== 200) throw new Error(await r.text()); return r; }
async function load() {
  try {
    const r = await api(query ? '/api/v1/search?limit=200&query=' + encodeURIComponent(query) : '/api/v1/messages?limit=200');
    const data = await r.json();
    messages = data.messages; $('#err').textContent = '';
    $('#count').textContent = (query ? data.messages_count + ' matching, ' : '') + data.total + ' messages, ' + data.unread + ' unread';
    renderList();
  } catch (e) { $('#err').textContent = String(e.message || e); }
}
function renderList(highlight) {
  const list = $('#list'); list.replaceChildren();
  if (!messages.length) { list.append(el('li', { className: 'none' }, el('p', { id: 'none', textContent: query ? 'No message matches this search.' : 'No messages yet. Send mail to the SMTP port, or create a FORMS customer request.' }))); return; }
  for (const m of messages) {
    const a = el('a', { href: '/view/' + m.ID },
      el('div', { className: 'meta' }, el('span', { textContent: addr(m.From) || '(no sender)' }), el('time', { textContent: when(m.Created) })),
      el('div', { className: 'subj', textContent: m.Subject || '(no subject)' }),
      el('div', { className: 'snip', textContent: m.Snippet }));
    for (const t of m.Tags) a.append(el('span', { className: 'tag', textContent: t }));
    a.addEventListener('click', (ev) => { ev.preventDefault(); open(m.ID, true); });
    const li = el('li', { className: (m.Read ? '' : 'unread') + (m.ID === selected ? ' sel' : '') + (m.ID === highlight ? ' new' : '') }, a);
    li.dataset.id = m.ID; list.append(li);
  }
}
async function open(id, push) {
  selected = id; if (push) history.pushState(null, '', '/view/' + id + location.search); renderList();
  try { current = await (await api('/api/v1/message/' + id)).json(); } catch (e) { $('#empty').hidden = false; $('#msg').hidden = true; $('#empty').textContent = 'This message is gone.'; return; }
  $('#empty').hidden = true; $('#msg').hidden = false;
  $('#subject').textContent = current.Subject || '(no subject)';
  const dl = $('#fields'); dl.replaceChildren();
  const row = (k, v) => { if (v) dl.append(el('dt', { textContent: k }), el('dd', { textContent: v })); };
  row('From', addr(current.From)); row('To', current.To.map(addr).join(', ')); row('Cc', current.Cc.map(addr).join(', '));
  row('Bcc', (current.Bcc || []).map(addr).join(', ')); row('Date', when(current.Date)); row('Tags', current.Tags.join(', '));
  const atts = $('#atts'); atts.replaceChildren();
  for (const a of [...current.Attachments, ...current.Inline]) atts.append(el('a', { href: '/api/v1/message/' + id + '/part/' + a.PartID, textContent: (a.FileName || a.ContentID || 'part ' + a.PartID) + ' (' + Math.ceil(a.Size / 1024) + ' kB)', target: '_blank', rel: 'noopener' }));
  show(tab);
}
async function show(which) {
  tab = which; for (const b of document.querySelectorAll('[role=tab]')) b.setAttribute('aria-selected', String(b.dataset.tab === which));
  const panel = $('#panel'); panel.replaceChildren(); if (!current) return;
  const id = current.ID;
  if (which === 'html') {
    if (!current.HTML) { panel.append(el('pre', { textContent: 'This message has no HTML part.' })); return; }
    const f = el('iframe', { title: 'Message HTML', src: '/view/' + id + '.html' }); f.setAttribute('sandbox', 'allow-popups allow-popups-to-escape-sandbox'); panel.append(f);
  } else if (which === 'text') panel.append(el('pre', { textContent: current.Text || '(no text part)' }));
  else if (which === 'headers') {
    const h = await (await api('/api/v1/message/' + id + '/headers')).json(); const t = el('table');
    for (const [k, vs] of Object.entries(h)) for (const v of vs) t.append(el('tr', {}, el('td', { textContent: k }), el('td', { textContent: v })));
    panel.append(t);
  } else panel.append(el('pre', { textContent: await (await api('/api/v1/message/' + id + '/raw')).text() }));
}
for (const b of document.querySelectorAll('[role=tab]')) b.addEventListener('click', () => show(b.dataset.tab));
$('#search').addEventListener('submit', (ev) => { ev.preventDefault(); query = $('#q').value.trim(); const u = new URL(location.href); if (query) u.searchParams.set('q', query); else u.searchParams.delete('q'); history.replaceState(null, '', u); load(); });
let typing; $('#q').addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => $('#search').requestSubmit(), 300); });
$('#readall').addEventListener('click', async () => { await api('/api/v1/messages', { method: 'PUT', body: JSON.stringify({ Read: true }) }); load(); });
$('#delall').addEventListener('click', async () => { if (confirm('Delete every message in the inbox?')) await api('/api/v1/messages', { method: 'DELETE' }); });
$('#del').addEventListener('click', async () => { if (current) await api('/api/v1/messages', { method: 'DELETE', body: JSON.stringify({ IDs: [current.ID] }) }); });
window.addEventListener('popstate', () => { const m = /^\\/view\\/([^/.]+)$/.exec(location.pathname); if (m) open(m[1], false); });
let reload; const soon = () => { clearTimeout(reload); reload = setTimeout(load, 150); };
function connect() {
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/events');
  ws.onopen = () => { $('#live').textContent = '● Live'; load(); };
  ws.onclose = () => { $('#live').textContent = '○ Reconnecting…'; setTimeout(connect, 1500); };
  ws.onmessage = (ev) => {
    const { Type, Data } = JSON.parse(ev.data);
    if (Type === 'new') { if (query) soon(); else { messages.unshift(Data); renderList(Data.ID); } }
    else if (Type === 'update') { const m = messages.find((x) => x.ID === Data.ID); if (m) { Object.assign(m, Data); renderList(); } }
    else if (Type === 'delete') { messages = messages.filter((x) => x.ID !== Data.ID); renderList(); if (selected === Data.ID) { current = null; $('#msg').hidden = true; $('#empty').hidden = false; $('#empty').textContent = 'This message was deleted.'; } }
    else if (Type === 'truncate') { messages = []; current = null; renderList(); $('#msg').hidden = true; $('#empty').hidden = false; }
    else if (Type === 'stats') { $('#count').textContent = (query ? '' : '') + Data.Total + ' messages, ' + Data.Unread + ' unread'; if (query) soon(); }
    else if (Type === 'prune') soon();
  };
}
const initial = /^\\/view\\/([^/.]+)$/.exec(location.pathname);
connect(); if (initial) open(initial[1], false);
`;

export function webPage(version: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Inbox · passfort-sandbox</title>
<style>${CSS}</style>
</head>
<body>
<header>
  <h1>Inbox</h1><span class="badge" title="passfort-sandbox ${version}">sandbox</span>
  <form id="search" role="search"><input id="q" name="q" type="search" placeholder="Search: to:, from:, subject:, tag:, is:unread, has:attachment, before:, after:, -exclude" aria-label="Search messages">
    <button type="submit">Search</button></form>
  <span id="count" aria-live="polite"></span>
  <button id="readall" type="button">Mark all read</button>
  <button id="delall" type="button">Delete all</button>
  <span id="live" aria-live="polite">○ Connecting…</span>
</header>
<p id="err" role="alert" style="margin:0;color:#a4262c"></p>
<main>
  <ul id="list" aria-label="Messages"></ul>
  <section id="view" aria-label="Message">
    <p id="empty">Select a message to read it.</p>
    <div id="msg" hidden>
      <div id="head"><h2 id="subject"></h2><dl id="fields"></dl><button id="del" type="button" style="margin-top:6px">Delete</button></div>
      <div id="atts" aria-label="Attachments"></div>
      <div role="tablist" aria-label="Views">
        <button role="tab" data-tab="html" type="button">HTML</button>
        <button role="tab" data-tab="text" type="button">Text</button>
        <button role="tab" data-tab="headers" type="button">Headers</button>
        <button role="tab" data-tab="source" type="button">Source</button>
      </div>
      <div id="panel" role="tabpanel"></div>
    </div>
  </section>
</main>
<script>${SCRIPT}</script>
</body>
</html>`;
}
