#!/usr/bin/env node
'use strict';
// The command line runs the built core (out/main/cli.js); build it on first use.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'out', 'main', 'cli.js');
if (!fs.existsSync(cli) || !fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'))) {
  process.stderr.write('shipdeck: building (first run)…\n');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit']
  });
  if (build.status !== 0) {
    process.stderr.write('shipdeck: the build failed; run `npm run build` to see why\n');
    process.exit(1);
  }
}
require(cli);
