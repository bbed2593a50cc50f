import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startCentral } from './start';

// Standalone central API for development: `npm run central`.
const DEFAULT_PORT = 5790;
const DEFAULT_DB = '.kiosk-data/central.db';
const DEV_TOKEN = 'dev-terminal-token-0000';

const port = Number(process.env.CENTRAL_PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`CENTRAL_PORT must be a port number, got ${process.env.CENTRAL_PORT}`);
  process.exit(1);
}
const dbPath = resolve(process.env.CENTRAL_DB ?? DEFAULT_DB);
mkdirSync(dirname(dbPath), { recursive: true });

let deviceTokens = (process.env.CENTRAL_DEVICE_TOKENS ?? '')
  .split(',')
  .map((t) => t.trim())
  .filter((t) => t.length > 0);
if (deviceTokens.length === 0) {
  deviceTokens = [DEV_TOKEN];
  console.warn(
    `central: CENTRAL_DEVICE_TOKENS is not set; accepting the DEVELOPMENT token "${DEV_TOKEN}". Never use it in a hall.`,
  );
}

const central = await startCentral({ dbPath, port, host: '127.0.0.1', deviceTokens, logger: true });
console.warn(
  `central: listening on ${central.baseUrl} (database ${dbPath}); docs at ${central.baseUrl}/docs`,
);

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.warn(`central: ${signal} received, closing`);
  try {
    await central.close();
    process.exit(0);
  } catch (err) {
    console.error('central: shutdown failed', err);
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
