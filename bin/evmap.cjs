#!/usr/bin/env node
// In a checkout (tsx installed) the CLI runs from src/, so `npx evmap` never runs a stale
// dist/ after a pull; an install without dev dependencies (the Docker image) runs dist/.
const path = require('node:path');

let register;
try {
  ({ register } = require('tsx/cjs/api'));
} catch {
  register = undefined;
}
if (register) {
  register();
  require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'));
} else {
  require(path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js'));
}
