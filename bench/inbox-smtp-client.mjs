// The benchmark's SMTP client, in a worker thread so that the inbox being measured does not
// share its thread with nodemailer: sends `count` messages over a pool of connections.
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';

const { port, count, connections } = workerData;
const html = `<p>${'Hello from the benchmark. '.repeat(20)}</p><p><a href="https://example.test/x">link</a></p>`;
const message = (i) => ({
  from: `Sender ${i % 7} <sender${i % 7}@example.test>`,
  to: `user${i}+ws-bench${i % 5}@example.test`,
  subject: `Message ${i} ${i % 3 === 0 ? 'invoice' : 'update'}`,
  text: `Body of message ${i}. ${'Lorem ipsum dolor sit amet. '.repeat(10)}`,
  html,
  ...(i % 10 === 0 ? { attachments: [{ filename: `file${i}.txt`, content: 'x'.repeat(2000) }] } : {}),
});
const pool = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, pool: true, maxConnections: connections, maxMessages: Infinity });
const t0 = performance.now();
let failed = 0;
await Promise.all(Array.from({ length: count }, (_, i) => pool.sendMail(message(i)).catch(() => failed++)));
parentPort.postMessage({ ms: performance.now() - t0, failed });
pool.close();
