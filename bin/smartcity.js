#!/usr/bin/env node
// Entry point of the `smartcity` command (and of `npm start`). TypeScript runs through tsx, so
// there is no separate build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
