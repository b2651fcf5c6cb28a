/**
 * `GET /dashboard/assets/app.css`. Built for a projector as much as a laptop: 16 px and up
 * everywhere, dark text on light surfaces (AA or better), and every state carries a word and
 * a symbol besides its colour. Served as a file so the CSP needs no `unsafe-inline`.
 */
export const DASHBOARD_CSS = String.raw`
:root {
  --bg: #f3f4f6; --surface: #ffffff; --text: #111827; --muted: #4b5563; --border: #d1d5db; --border-strong: #9ca3af;
  --nav-bg: #0f172a; --nav-text: #e2e8f0; --nav-active: #1e293b; --nav-accent: #60a5fa;
  --primary: #1d4ed8; --primary-hover: #1e40af; --primary-text: #ffffff; --link: #1d4ed8; --focus: #2563eb;
  --ok-bg: #dcfce7; --ok-text: #14532d; --bad-bg: #fee2e2; --bad-text: #7f1d1d; --warn-bg: #fef3c7; --warn-text: #713f12;
  --info-bg: #dbeafe; --info-text: #1e3a8a; --neutral-bg: #e5e7eb; --neutral-text: #1f2937;
  --sandbox-bg: #fbbf24; --sandbox-text: #111827; --fresh: #fef9c3;
  --radius: 10px; --shadow: 0 1px 2px rgba(15, 23, 42, 0.06), 0 2px 8px rgba(15, 23, 42, 0.05);
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 400 1.0625rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
[hidden] { display: none !important; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
h1, h2, h3 { line-height: 1.25; margin: 0; }
h1 { font-size: 1.875rem; font-weight: 700; }
h2 { font-size: 1.375rem; font-weight: 700; }
h3 { font-size: 1.125rem; font-weight: 650; }
p { margin: 0 0 0.75rem; }
code, pre, .mono { font-family: var(--mono); font-size: 1rem; }
code { background: #eef2f7; border-radius: 4px; padding: 0.05em 0.35em; overflow-wrap: anywhere; }
pre { background: #0b1220; color: #e5e7eb; padding: 14px 16px; border-radius: 8px; overflow: auto; margin: 0; line-height: 1.45; max-height: 32rem; }
pre code { background: none; padding: 0; color: inherit; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link { position: absolute; left: 8px; top: -100px; background: var(--surface); padding: 8px 12px; z-index: 10; border-radius: 6px; }
.skip-link:focus { top: 8px; }

/* ---- frame: left navigation, top bar, content ---------------------------------------- */
.app { display: grid; grid-template-columns: 16.5rem minmax(0, 1fr); min-height: 100vh; background: linear-gradient(to right, var(--nav-bg) 16.5rem, var(--bg) 16.5rem); }
.nav { background: var(--nav-bg); color: var(--nav-text); padding: 20px 14px; position: sticky; top: 0; height: 100vh; overflow-y: auto; display: flex; flex-direction: column; gap: 18px; }
.brand { display: flex; align-items: center; gap: 10px; color: #fff; text-decoration: none; font-weight: 700; font-size: 1.125rem; padding: 0 8px; }
.brand svg { width: 30px; height: 30px; flex: none; }
.workspace-card { background: #1e293b; border-radius: 8px; padding: 12px; }
.workspace-label { color: #cbd5e1; font-size: 1rem; margin: 0; }
.workspace-name { color: #fff; font-weight: 650; margin: 2px 0 8px; overflow-wrap: anywhere; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
.sandbox-badge { display: inline-flex; align-items: center; gap: 6px; background: var(--sandbox-bg); color: var(--sandbox-text); font-weight: 750; font-size: 1rem; letter-spacing: 0.04em; text-transform: uppercase; border-radius: 999px; padding: 2px 10px; }
.nav-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
.nav-link { display: flex; align-items: center; gap: 12px; color: var(--nav-text); text-decoration: none; padding: 10px 12px; border-radius: 8px; font-weight: 550; border-left: 4px solid transparent; }
.nav-link svg { width: 22px; height: 22px; flex: none; }
.nav-link:hover { background: var(--nav-active); color: #fff; }
.nav-link[aria-current="page"] { background: var(--nav-active); color: #fff; border-left-color: var(--nav-accent); }
.nav-count { margin-left: auto; background: #334155; color: #fff; border-radius: 999px; padding: 0 9px; font-size: 1rem; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nav-count.alert { background: #b91c1c; }
.nav-section { color: #cbd5e1; font-size: 1rem; font-weight: 650; margin: 6px 12px 0; }
.nav-foot { margin-top: auto; display: grid; gap: 8px; }
.nav-foot form { margin: 0; }
.nav-foot .btn { width: 100%; justify-content: center; background: transparent; color: var(--nav-text); border-color: #475569; }
.nav-foot .btn:hover { background: var(--nav-active); color: #fff; }
.main { min-width: 0; display: flex; flex-direction: column; }
.topbar { position: sticky; top: 0; z-index: 5; background: var(--surface); border-bottom: 1px solid var(--border); display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; padding: 12px 32px; }
.topbar-banner { font-weight: 650; display: flex; gap: 10px; align-items: center; }
.topbar-clock { display: flex; gap: 8px; align-items: baseline; margin-left: auto; }
.topbar-clock .label { color: var(--muted); }
.topbar-clock time { font-family: var(--mono); font-weight: 650; font-variant-numeric: tabular-nums; }
.live { display: inline-flex; align-items: center; gap: 8px; font-weight: 600; color: var(--ok-text); }
.live::before { content: ""; width: 10px; height: 10px; border-radius: 50%; background: #16a34a; }
.live[data-state="connecting"] { color: var(--warn-text); }
.live[data-state="connecting"]::before { background: #d97706; }
.live[data-state="off"] { color: var(--muted); }
.live[data-state="off"]::before { background: var(--border-strong); }
.content { padding: 28px 32px 48px; max-width: 96rem; width: 100%; }
.page-head { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: flex-end; justify-content: space-between; margin-bottom: 20px; }
.page-head .lead { color: var(--muted); margin: 6px 0 0; max-width: 60rem; }
.crumbs { margin: 0 0 6px; color: var(--muted); }
.crumbs a { color: var(--muted); }
.actions { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
.actions form { margin: 0; }

.content > .grid-2, .content > .stack, .content > .card, .content > .split, .content > .story { margin-bottom: 20px; }
.plain-list { list-style: none; margin: 0; padding: 0; }
.plain-list > li { padding: 10px 0; border-bottom: 1px solid var(--border); display: grid; gap: 6px; justify-items: start; }
.plain-list > li:first-child { padding-top: 0; }
.plain-list > li:last-child { border-bottom: 0; padding-bottom: 0; }
.login { max-width: 40rem; margin: 8vh auto 0; }
.login h1 { margin: 12px 0 8px; }
.login-note { margin-top: 18px; }
.check-option { font-weight: 400; display: grid; grid-template-columns: 28px 1fr; gap: 10px; align-items: start; padding: 10px 12px; border: 2px solid var(--border); border-radius: 8px; margin: 0 0 8px; cursor: pointer; }
.check-option input { width: 22px; height: 22px; margin: 3px 0 0; accent-color: var(--primary); }
.check-option:has(input:checked) { border-color: var(--primary); background: #eff6ff; }
fieldset.field { border: 0; padding: 0; min-width: 0; }
fieldset.field legend { padding: 0; margin-bottom: 6px; }
.error-message { color: #b91c1c; font-weight: 700; margin: 0 0 6px; }
[aria-invalid="true"].input, [aria-invalid="true"].textarea { border-color: #b91c1c; }
.blockers { margin: 0; padding-left: 20px; color: var(--muted); }

/* ---- surfaces ----------------------------------------------------------------------------- */
.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); }
.card-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px 16px; padding: 14px 18px; border-bottom: 1px solid var(--border); }
.card-body { padding: 16px 18px; }
.card-body > :last-child { margin-bottom: 0; }
.stack { display: grid; gap: 20px; }
.grid-2 { display: grid; gap: 20px; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); align-items: start; }
.grid-3 { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); }
.stat { padding: 16px 18px; }
.stat-value { font-size: 2rem; font-weight: 750; line-height: 1.1; font-variant-numeric: tabular-nums; }
.stat-label { color: var(--muted); margin: 4px 0 0; }
.muted { color: var(--muted); }
.nowrap { white-space: nowrap; }
.wrap-anywhere { overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: 8px 20px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }

/* ---- tables ------------------------------------------------------------------------------- */
.toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; margin-bottom: 14px; }
.toolbar .field { margin: 0; }
.field { display: grid; gap: 4px; margin: 0 0 16px; }
.field label, .field .label { font-weight: 600; }
.hint { color: var(--muted); margin: 0; }
.input, .select, .textarea { font: inherit; color: var(--text); background: var(--surface); border: 2px solid var(--border-strong); border-radius: 8px; padding: 8px 12px; min-height: 44px; }
.input:focus, .select:focus, .textarea:focus { outline: 3px solid var(--focus); outline-offset: 0; border-color: var(--text); }
.input-search { min-width: 20rem; padding-left: 38px; background-image: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='%234b5563' stroke-width='2.2' stroke-linecap='round'%3E%3Ccircle cx='11' cy='11' r='7'/%3E%3Cpath d='m20 20-3.5-3.5'/%3E%3C/svg%3E"); background-repeat: no-repeat; background-position: 10px center; background-size: 20px; }
.textarea { min-height: 8rem; width: 100%; resize: vertical; line-height: 1.5; }
.table-wrap { overflow-x: auto; }
table.table { width: 100%; border-collapse: collapse; font-size: 1rem; }
.table th, .table td { text-align: left; padding: 10px 12px; border-bottom: 1px solid var(--border); vertical-align: top; }
.table th { font-weight: 650; color: var(--muted); background: #f9fafb; white-space: nowrap; position: sticky; top: 0; }
.table tbody tr:hover { background: #f8fafc; }
.table tbody tr:last-child td { border-bottom: 0; }
.table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.table code { white-space: nowrap; }
.table td.primary a { font-weight: 650; }
.sub { display: block; color: var(--muted); }
.row-link { text-decoration: none; }
.count-line { color: var(--muted); margin: 0; }
.no-match { color: var(--muted); padding: 16px; }
tr.is-fresh, li.is-fresh, .card.is-fresh, div.is-fresh { animation: fresh 2.4s ease-out; }
@keyframes fresh { 0%, 30% { background: var(--fresh); box-shadow: inset 4px 0 0 #ca8a04; } 100% { background: transparent; box-shadow: inset 4px 0 0 transparent; } }
@media (prefers-reduced-motion: reduce) { tr.is-fresh, li.is-fresh, .card.is-fresh, div.is-fresh { animation: none; box-shadow: inset 4px 0 0 #ca8a04; } }
.fresh-note { font-size: 1rem; font-weight: 650; color: #713f12; margin-left: 6px; }

/* ---- badges and buttons ------------------------------------------------------------------- */
.badge { display: inline-flex; align-items: center; gap: 6px; border-radius: 999px; padding: 1px 10px; font-weight: 650; font-size: 1rem; white-space: nowrap; border: 1px solid transparent; }
.badge .sym { font-weight: 800; }
.tone-ok { background: var(--ok-bg); color: var(--ok-text); border-color: #86efac; }
.tone-bad { background: var(--bad-bg); color: var(--bad-text); border-color: #fca5a5; }
.tone-warn { background: var(--warn-bg); color: var(--warn-text); border-color: #fcd34d; }
.tone-info { background: var(--info-bg); color: var(--info-text); border-color: #93c5fd; }
.tone-neutral { background: var(--neutral-bg); color: var(--neutral-text); border-color: #d1d5db; }
.tag { display: inline-block; border: 1px solid var(--border-strong); border-radius: 6px; padding: 0 8px; font-size: 1rem; margin: 0 4px 4px 0; }
.btn { display: inline-flex; align-items: center; gap: 8px; font: inherit; font-weight: 650; border-radius: 8px; padding: 8px 16px; min-height: 44px; border: 2px solid var(--border-strong); background: var(--surface); color: var(--text); cursor: pointer; text-decoration: none; }
.btn:hover { background: #f3f4f6; }
.btn-primary { background: var(--primary); border-color: var(--primary); color: var(--primary-text); }
.btn-primary:hover { background: var(--primary-hover); border-color: var(--primary-hover); }
.btn-danger { background: #b91c1c; border-color: #b91c1c; color: #fff; }
.btn-danger:hover { background: #991b1b; }
.btn-small { min-height: 36px; padding: 4px 12px; }
.btn[disabled], .btn[aria-disabled="true"] { opacity: 0.55; cursor: not-allowed; }
.btn-group { display: inline-flex; flex-wrap: wrap; gap: 8px; }
.flash { border-radius: 8px; padding: 12px 16px; margin: 0 0 18px; font-weight: 600; border: 2px solid; }
.flash-ok { background: var(--ok-bg); color: var(--ok-text); border-color: #4ade80; }
.flash-bad { background: var(--bad-bg); color: var(--bad-text); border-color: #f87171; }
.error-summary { border: 3px solid #b91c1c; border-radius: 8px; padding: 14px 18px; margin: 0 0 18px; background: #fff; }
.error-summary h2 { font-size: 1.25rem; color: #7f1d1d; margin-bottom: 8px; }
.error-summary ul { margin: 0; padding-left: 20px; }
.error-summary a { color: #7f1d1d; font-weight: 650; }

/* ---- empty states ------------------------------------------------------------------------- */
.empty { padding: 28px 24px; text-align: left; }
.empty h3 { font-size: 1.25rem; margin-bottom: 6px; }
.empty p { color: var(--muted); max-width: 52rem; }
.empty pre { margin-top: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }

/* ---- timelines ---------------------------------------------------------------------------- */
.timeline { list-style: none; margin: 0; padding: 0; position: relative; }
.timeline::before { content: ""; position: absolute; left: 12.95rem; top: 6px; bottom: 6px; width: 2px; background: var(--border); }
.timeline li { display: grid; grid-template-columns: 12.25rem 1.4rem 1fr; gap: 0 10px; padding: 8px 0; align-items: start; }
.timeline time { font-family: var(--mono); color: var(--muted); font-size: 1rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
.timeline .dot { width: 14px; height: 14px; border-radius: 50%; margin: 5px 0 0 4px; background: var(--surface); border: 3px solid var(--border-strong); position: relative; z-index: 1; }
.timeline .dot.tone-ok { border-color: #16a34a; background: #16a34a; }
.timeline .dot.tone-bad { border-color: #dc2626; background: #dc2626; }
.timeline .dot.tone-warn { border-color: #d97706; background: #d97706; }
.timeline .dot.tone-info { border-color: #2563eb; background: #fff; }
.timeline .what { overflow-wrap: anywhere; }
.timeline .what .sub { display: block; color: var(--muted); }
.kind { display: inline-block; min-width: 5.5rem; margin-right: 8px; font-weight: 650; color: var(--muted); }

/* ---- details, tabs, inbox ----------------------------------------------------------------- */
details.more > summary { cursor: pointer; font-weight: 600; color: var(--link); padding: 4px 0; }
details.more[open] > summary { margin-bottom: 8px; }
.sections-nav { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 18px; padding: 0; list-style: none; }
.sections-nav a { display: inline-block; padding: 6px 12px; border-radius: 999px; border: 1px solid var(--border-strong); text-decoration: none; color: var(--text); background: var(--surface); font-weight: 550; }
.sections-nav a:hover { border-color: var(--text); }
.split { display: grid; grid-template-columns: minmax(22rem, 34rem) minmax(0, 1fr); gap: 20px; align-items: start; }
.mail-list { list-style: none; margin: 0; padding: 0; max-height: calc(100vh - 15rem); overflow-y: auto; }
.mail-list li { border-bottom: 1px solid var(--border); }
.mail-list a { display: grid; gap: 2px; padding: 12px 16px; text-decoration: none; color: var(--text); }
.mail-list a:hover { background: #f8fafc; }
.mail-list a[aria-current="true"] { background: #e0e7ff; box-shadow: inset 4px 0 0 var(--primary); }
.mail-list .from { font-weight: 650; display: flex; justify-content: space-between; gap: 10px; }
.mail-list .from time { font-weight: 400; color: var(--muted); font-size: 1rem; white-space: nowrap; }
.mail-list .subject { overflow-wrap: anywhere; }
.mail-list .snippet { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.mail-list .unread .subject::before { content: "\25CF  "; color: var(--primary); }
.mail-list .unread .subject { font-weight: 700; }
.mail-frame { width: 100%; min-height: 36rem; border: 1px solid var(--border); border-radius: 8px; background: #fff; }
.mail-text { white-space: pre-wrap; background: #f9fafb; color: var(--text); }
.image-tiles { display: flex; flex-wrap: wrap; gap: 14px; }
.image-tile { width: 13rem; border: 1px solid var(--border); border-radius: 8px; overflow: hidden; background: var(--surface); }
.image-tile svg { display: block; width: 100%; height: 8rem; background: #eef2f7; }
.image-tile .caption { padding: 8px 10px; }
.image-tile .caption strong { display: block; }

/* ---- clock -------------------------------------------------------------------------------- */
.clock-now .muted { font-size: 1.25rem; }
.move { padding: 10px 12px; border-radius: 8px; }
.clock-now { white-space: nowrap; font-family: var(--mono); font-size: clamp(1.5rem, 2.4vw, 2.25rem); font-weight: 750; letter-spacing: -0.01em; font-variant-numeric: tabular-nums; margin: 0; }
.clock-buttons { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0 0; }
.clock-buttons .btn { font-size: 1.125rem; min-height: 52px; padding: 10px 22px; }

/* ---- steps (scenarios, story) ------------------------------------------------------------- */
.steps { list-style: none; counter-reset: step; margin: 0; padding: 0; display: grid; gap: 6px; }
.steps li { counter-increment: step; display: grid; grid-template-columns: 2.2rem 1fr auto; gap: 10px; align-items: start; padding: 6px 0; }
.steps li::before { content: counter(step); width: 1.9rem; height: 1.9rem; border-radius: 50%; display: grid; place-items: center; border: 2px solid var(--border-strong); font-weight: 700; font-size: 1rem; }
.steps li[data-state="done"]::before { content: "\2713"; background: #16a34a; color: #fff; border-color: #16a34a; }
.steps li[data-state="failed"]::before { content: "\2717"; background: #b91c1c; color: #fff; border-color: #b91c1c; }
.steps li[data-state="running"]::before { border-color: var(--primary); color: var(--primary); }
.log { max-height: 22rem; }

/* ---- story (presenter view) --------------------------------------------------------------- */
.story { display: grid; grid-template-columns: 19rem minmax(0, 1fr); gap: 24px; align-items: start; }
.story-rail { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.story-rail a { display: grid; grid-template-columns: 2.4rem 1fr; gap: 10px; align-items: center; padding: 12px 14px; border-radius: 10px; text-decoration: none; color: var(--text); background: var(--surface); border: 2px solid var(--border); font-weight: 600; font-size: 1.125rem; }
.story-rail a[aria-current="step"] { border-color: var(--primary); box-shadow: 0 0 0 3px #bfdbfe; }
.story-rail .n { width: 2.2rem; height: 2.2rem; border-radius: 50%; display: grid; place-items: center; background: var(--neutral-bg); font-weight: 750; }
.story-rail a[data-state="done"] .n { background: #16a34a; color: #fff; }
.story-rail a[aria-current="step"] .n { background: var(--primary); color: #fff; }
.story-stage h1 { font-size: 2.25rem; }
.story-stage .lead { font-size: 1.25rem; color: var(--text); max-width: 56rem; }
.say { border-left: 6px solid var(--sandbox-bg); background: #fffbeb; padding: 14px 18px; border-radius: 0 10px 10px 0; font-size: 1.1875rem; margin: 0 0 20px; }
.say strong { display: block; margin-bottom: 4px; color: #713f12; }
.story-nav { display: flex; justify-content: space-between; gap: 12px; margin-top: 24px; }
.story-nav .btn { font-size: 1.125rem; min-height: 52px; }
.story-restart { margin-top: 16px; }
.story-stage > * + * { margin-top: 16px; }
.big-action { font-size: 1.25rem; min-height: 56px; padding: 12px 26px; }

@media (max-width: 88rem) { .topbar-banner .banner-text { display: none; } }
@media (max-width: 72rem) {
  .app { grid-template-columns: 1fr; background: var(--bg); }
  .nav { position: static; height: auto; }
  .split, .story { grid-template-columns: 1fr; }
  .story-rail { position: static; }
  .input-search { min-width: 0; width: 100%; }
  .content, .topbar { padding-left: 18px; padding-right: 18px; }
}
`;
