/**
 * Entry point of `npm start` (`node dist/server/main.js`): see `serve.ts` for what it does and
 * the environment variables it reads.
 */
import { startServer } from './serve.js';

startServer().then(
  async (server) => {
    const counts = await server.store.counts();
    console.log(`Pacta is serving ${counts.treaties} treaties from ${server.store.location}${server.store.writable ? '' : ' (read-only)'} at ${server.url}/ (API reference: ${server.url}/api/docs)`);
    const stop = (): void => {
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (err: unknown) => {
    console.error('pacta server:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
