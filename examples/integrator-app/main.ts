/**
 * Runs the example app by itself:
 *
 *   PASSFORT_API_KEY=… PASSFORT_WEBHOOK_SECRET=s3cret npx tsx examples/integrator-app/main.ts
 *
 * PASSFORT_API_URL (default http://127.0.0.1:8400, the sandbox), PASSFORT_COLLECTION_URL
 * (default: the API URL, since the sandbox serves embed.js; https://collection.passfort.com
 * for the real thing), PORT (default 3000).
 */
import { startIntegratorApp } from './app.js';

const apiUrl = process.env.PASSFORT_API_URL ?? 'http://127.0.0.1:8400';
const apiKey = process.env.PASSFORT_API_KEY;
if (!apiKey) {
  console.error('Set PASSFORT_API_KEY to the master API key (the sandbox prints it at start: apikey=…).');
  process.exit(2);
}
const app = await startIntegratorApp({
  passfortUrl: apiUrl,
  apiKey,
  webhookSecret: process.env.PASSFORT_WEBHOOK_SECRET ?? 's3cret',
  collectionUrl: process.env.PASSFORT_COLLECTION_URL ?? apiUrl,
  port: Number(process.env.PORT ?? 3000),
});
console.log(`example integrator app on ${app.url}; webhooks: ${app.webhookUrl}`);
