#!/usr/bin/env node
// Starts Support Console.
//   npm start      build, then run the desktop app; without the Electron binary, the browser host
//   npm run web    build, then run the browser host (the same workspace in a browser)
// Either starts the embedded backend (the team backend on loopback, seeded with the sample team)
// and signs the desktop in to it; SC_BACKEND=none or a backend URL says otherwise (README.md).
// PORT sets the browser host's port (default 5317). SIGINT and SIGTERM reach the child.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/**
 * The Electron executable when it is installed, else null. Read from path.txt rather than by
 * requiring 'electron': that require downloads the binary when it is missing.
 */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return null;
  const executable = path.join(pkg, 'dist', relative);
  return fs.existsSync(executable) ? executable : null;
}

/** Runs a command to its end; resolves with its exit code (signals count as failure). */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`Could not run ${path.basename(command)}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const web = process.argv.includes('--web');

const built = await run(bin('electron-vite'), ['build'], { shell: process.platform === 'win32' });
if (built !== 0) {
  console.error('The build failed; see the messages above.');
  process.exit(built);
}

const electron = web ? null : electronBinary();
let code;
if (electron) {
  const env = { ...process.env };
  // Left over from a tool, it would start Electron as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  code = await run(electron, ['.'], { env });
} else {
  if (!web) console.log('The Electron binary is not available on this machine; opening the same workspace in your browser instead.');
  const env = { ...process.env, PORT: process.env.PORT ?? '5317' };
  code = await run(process.execPath, ['--import', 'tsx', path.join('src', 'main', 'host', 'main.ts')], { env });
}
process.exit(code);
