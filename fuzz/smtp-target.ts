import fc from 'fast-check';
import { inboxCount } from './inbox.js';
import type { Failure, TargetResult } from './runner.js';
import { runSession, smtpAlive, smtpSession } from './smtp.js';

/**
 * The SMTP port as a fuzz target: batches of hostile sessions, then the port must still serve
 * a proper client, the sandbox must still answer, and the inbox must hold exactly the messages
 * the server acknowledged (at least those it said `250 … queued` for, and none beyond the
 * end-of-data markers a client actually sent).
 */

export interface SmtpTargetOptions {
  host: string;
  port: number;
  inbox: string;
  seed: number;
  inputs: number;
  timeMs: number;
  healthy: () => Promise<string | null>;
  result: TargetResult;
}

const SESSIONS_PER_BATCH = 4;

export async function runSmtpTarget(o: SmtpTargetOptions): Promise<{ failures: Omit<Failure, 'target'>[]; crashed: boolean }> {
  const failures: Omit<Failure, 'target'>[] = [];
  const seen = new Set<string>();
  const fail = (f: Omit<Failure, 'target'>) => {
    const key = `${f.kind} ${f.detail.slice(0, 60)}`;
    if (!seen.has(key) && failures.length < 20) {
      seen.add(key);
      failures.push(f);
    }
  };
  let crashed = false;
  // Checked here, not with fast-check's interrupt, which would leave the run in flight going on.
  const deadline = Date.now() + o.timeMs;
  let firstRun = true;
  const property = fc.asyncProperty(fc.array(smtpSession, { minLength: SESSIONS_PER_BATCH, maxLength: SESSIONS_PER_BATCH }), async (sessions) => {
    if (crashed || o.result.inputs >= o.inputs || (!firstRun && Date.now() >= deadline)) return;
    firstRun = false;
    const before = await inboxCount(o.inbox);
    let queued = 0;
    let most = 0;
    for (const s of sessions) {
      if (o.result.inputs >= o.inputs) break;
      const r = await runSession(o.host, o.port, s);
      o.result.inputs++;
      o.result.accepted += r.queued;
      const code = /^(\d{3})[ -]/m.exec(r.transcript.split('\r\n').slice(1).join('\r\n'))?.[1] ?? (r.transcript ? 'greeting only' : 'nothing');
      o.result.statuses[`smtp ${code}`] = (o.result.statuses[`smtp ${code}`] ?? 0) + 1;
      if (!r.transcript.startsWith('220 ')) fail({ kind: 'smtp', detail: `no 220 greeting: ${JSON.stringify(r.transcript.slice(0, 200))} (${r.error})`, request: JSON.stringify(s).slice(0, 2000) });
      if (r.error === 'session timeout') o.result.noAnswer['session timeout'] = (o.result.noAnswer['session timeout'] ?? 0) + 1;
      queued += r.queued;
      most += Math.max(r.queued, r.terminators);
    }
    const why = (await o.healthy()) ?? ((await smtpAlive(o.host, o.port)) ? null : 'the SMTP port no longer serves a proper session');
    if (why) {
      crashed = true;
      return void fail({ kind: 'crash', detail: why, request: JSON.stringify(sessions).slice(0, 4000) });
    }
    const stored = (await inboxCount(o.inbox)) - before;
    o.result.checkedBatches++;
    if (stored < queued) fail({ kind: 'smtp', detail: `the server acknowledged ${queued} messages but the inbox holds ${stored} more`, request: JSON.stringify(sessions).slice(0, 4000) });
    if (stored > most) fail({ kind: 'smtp', detail: `the inbox holds ${stored} more messages, more than the ${most} end-of-data markers sent`, request: JSON.stringify(sessions).slice(0, 4000) });
  });
  await fc.check(property, {
    seed: o.seed,
    numRuns: o.timeMs > 0 ? Math.ceil(o.inputs / SESSIONS_PER_BATCH) + 1 : 1,
  });
  return { failures, crashed };
}
