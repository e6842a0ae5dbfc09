// Starts the message-preparing worker thread (prepare-worker.ts): its module is TypeScript, loaded
// through tsx's loader as bin/koers.mjs loads the CLI (a worker does not inherit loaders
// registered in the main thread).
import { register } from 'tsx/esm/api';

register();
await import('./prepare-worker.ts');
