#!/usr/bin/env node
/**
 * The `flowcast` executable (bin in package.json -> dist/cli/cli.js, built by `npm run build:cli`; from source:
 * `npx tsx simulator/node/cli.ts`). Everything but process wiring lives in ./main.ts.
 */
import { main } from './main';

// `flowcast run ... | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  // The first Ctrl-C stops the workers and lets the CLI say so; a second one leaves at once.
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort();
});

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), signal: controller.signal });
process.exitCode = code;
