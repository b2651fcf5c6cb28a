import { Hono } from 'hono';
import { CHAOS_DISABLED, ChaosError } from '../chaos.js';
import { buildSendRequest, SendRequestError } from '../send-request.js';
import { jsonBody, mailboxFailure, textError, type InboxContext } from './respond.js';

/** Application info, web UI settings, chaos, the send API and the Kubernetes-style probes. */
export function miscRoutes(ctx: InboxContext): Hono {
  const { mailbox, chaos } = ctx;
  const app = new Hono();

  app.get('/api/v1/info', (c) => {
    const stats = mailbox.stats();
    const mem = process.memoryUsage();
    return c.json({
      Version: ctx.version,
      // No update check: the sandbox never calls out; this is always the running version.
      LatestVersion: ctx.version,
      Database: ctx.database,
      DatabaseSize: mailbox.storedBytes(),
      Messages: stats.total,
      Unread: stats.unread,
      Tags: mailbox.tagCounts(),
      RuntimeStats: {
        Uptime: Math.round((Date.now() - ctx.startedAt) / 1000),
        Memory: mem.rss,
        MessagesDeleted: mailbox.counters.deleted,
        SMTPAccepted: mailbox.counters.accepted,
        SMTPAcceptedSize: mailbox.counters.acceptedSize,
        SMTPRejected: mailbox.counters.rejected,
        SMTPIgnored: 0,
      },
    });
  });

  app.get('/api/v1/webui', (c) =>
    c.json({
      Label: 'passfort-sandbox',
      MessageRelay: {
        Enabled: false,
        SMTPServer: '',
        ReturnPath: '',
        AllowedRecipients: '',
        BlockedRecipients: '',
        OverrideFrom: '',
        PreserveMessageIDs: false,
        RecipientAllowlist: '',
      },
      SpamAssassin: false,
      ChaosEnabled: chaos.enabled,
      DuplicatesIgnored: false,
      HideDeleteAllButton: false,
      DisableHTMLCheck: true,
    }),
  );

  app.get('/api/v1/chaos', (c) => (chaos.enabled ? c.json(chaos.triggers) : textError(c, CHAOS_DISABLED)));

  app.put('/api/v1/chaos', async (c) => {
    if (!chaos.enabled) return textError(c, CHAOS_DISABLED);
    try {
      return c.json(chaos.set((await jsonBody(c)) ?? {}));
    } catch (err) {
      if (err instanceof ChaosError) return textError(c, err.message);
      return mailboxFailure(c, err);
    }
  });

  const send = async (c: import('hono').Context) => {
    const length = Number(c.req.header('content-length') ?? 0);
    // Base64 inflates attachments by a third; allow for it and for the JSON around them.
    if (length > ctx.maxSize * 1.4 + 64 * 1024) return c.json({ Error: `message exceeds the maximum message size (${ctx.maxSize} bytes)` }, 400);
    try {
      const { raw, recipients } = await buildSendRequest(await jsonBody(c));
      if (raw.length > ctx.maxSize) return c.json({ Error: `message exceeds the maximum message size (${ctx.maxSize} bytes)` }, 400);
      const summary = await mailbox.ingest(raw, { recipients });
      return c.json({ ID: summary.ID });
    } catch (err) {
      if (err instanceof SendRequestError) return c.json({ Error: err.message }, 400);
      return c.json({ Error: (err as Error).message }, 400);
    }
  };
  app.post('/api/v1/send', send);
  // Older Mailpit versions took the same body on POST /api/v1/messages.
  app.post('/api/v1/messages', send);

  app.get('/livez', (c) => c.body(null, 200));
  app.get('/readyz', (c) => c.body(null, 200));

  return app;
}
