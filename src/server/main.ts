/**
 * Entry point of `npm start` (`node dist/server/main.js`): see `serve.ts` for what it does and
 * the environment variables it reads.
 */
import { startServer } from './serve.js';

startServer().catch((err: unknown) => {
  console.error('pacta server:', err instanceof Error ? err.message : err);
  process.exit(1);
});
