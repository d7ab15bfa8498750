// The vendor backend process: `npm run server` (PORT, default 5318).
import { createServer } from './app';

const port = Number(process.env.PORT ?? 5318);
const app = createServer();
app
  .listen({ host: process.env.HOST ?? '127.0.0.1', port })
  .then((address) => process.stdout.write(`Support Console backend listening at ${address}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`The backend failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
