import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Chaos } from './chaos.js';
import type { Mailbox } from './mailbox.js';

/**
 * The inbox's SMTP side, on smtp-server: accepts any sender, any recipient and any
 * credentials (like Mailpit, it is a trap, not a relay), stores each message with its
 * envelope recipients, and refuses what Mailpit refuses: a message over the size limit
 * (552), more recipients than the limit (452), and whatever the chaos triggers say.
 * Malformed commands get smtp-server's 5xx replies; nothing a client sends can end the process.
 */

export interface SmtpOptions {
  mailbox: Mailbox;
  chaos: Chaos;
  /** Largest accepted message in bytes. */
  maxSize: number;
  /** Recipients per message (Mailpit's default is 100). */
  maxRecipients: number;
  name?: string;
}

export const DEFAULT_MAX_MESSAGE_SIZE = 25 * 1024 * 1024;
export const DEFAULT_MAX_RECIPIENTS = 100;

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export function createSmtpServer(opts: SmtpOptions): SMTPServer {
  const server = new SMTPServer({
    name: opts.name ?? 'passfort-sandbox',
    banner: 'passfort-sandbox inbox (Mailpit-compatible) ESMTP',
    size: opts.maxSize,
    maxRecipients: opts.maxRecipients,
    authOptional: true,
    allowInsecureAuth: true,
    // No certificate to offer; clients that see STARTTLS try it and fail on a self-signed one.
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    // On shutdown, give a client in the middle of a message a second, not smtp-server's 30.
    closeTimeout: 1000,
    logger: false,
    onAuth(auth, _session, callback) {
      const code = opts.chaos.fire('Authentication');
      if (code) return callback(smtpError(code, 'Chaos authentication error'));
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onMailFrom(_address, _session, callback) {
      const code = opts.chaos.fire('Sender');
      if (code) return callback(smtpError(code, 'Chaos sender error'));
      callback();
    },
    onRcptTo(_address, _session, callback) {
      const code = opts.chaos.fire('Recipient');
      if (code) return callback(smtpError(code, 'Chaos recipient error'));
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      let kept = 0;
      stream.on('data', (chunk: Buffer) => {
        // Past the limit, keep reading (the client is still sending) but stop buffering.
        if (kept <= opts.maxSize) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      stream.on('error', (err) => callback(smtpError(451, `Requested action aborted: ${err.message}`)));
      stream.on('end', () => {
        if (stream.sizeExceeded || kept > opts.maxSize) {
          opts.mailbox.counters.rejected++;
          return callback(smtpError(552, `Message exceeds fixed maximum message size (${opts.maxSize} bytes)`));
        }
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        const username = typeof session.user === 'string' ? session.user : '';
        opts.mailbox
          .ingest(Buffer.concat(chunks), { recipients, username })
          .then((summary) => callback(null, `Ok: queued as ${summary.ID}`))
          .catch((err: Error) => {
            opts.mailbox.counters.rejected++;
            callback(smtpError(451, `Requested action aborted: local error storing the message (${err.message})`));
          });
      });
    },
  });
  // A broken client connection is the client's problem; never let it reach the process.
  server.on('error', (err) => {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE' || (err as NodeJS.ErrnoException).code === 'EACCES') return;
    console.error(`passfort-sandbox: smtp: ${err.message}`);
  });
  return server;
}
