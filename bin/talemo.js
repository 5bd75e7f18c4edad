#!/usr/bin/env node
// The `talemo` command: runs the TypeScript CLI through tsx, so it works straight after
// `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../desktop/cli/talemo.ts');
process.exitCode = await main(process.argv.slice(2));
