#!/usr/bin/env node
// `npm start`: builds Flowcast and launches the desktop app on the default scenario. Where the Electron binary is
// not installed (it is downloaded lazily and cannot be on machines without internet access), it says so in one
// sentence and serves the studio to the browser instead. Deliberately never imports `electron`: in plain Node
// that import tries to download the binary.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const scenario = path.resolve(root, process.argv[2] ?? 'scenarios/regional-distributor-current.flowcast.json');
const previewUrl = 'http://127.0.0.1:4173/';

/** The Electron executable if it is installed, else undefined (mirrors node_modules/electron/index.js). */
export function electronBinary(electronDir = path.join(root, 'node_modules', 'electron')) {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist');
  const executable = path.join(distDir, relative);
  return relative !== '' && existsSync(executable) ? executable : undefined;
}

/** Runs a command to completion with inherited output; exits this script if it fails. */
function run(command, args, label) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** Opens a URL in the default browser when a launcher exists; never fails (the URL is printed anyway). */
function openBrowser(url) {
  const launcher = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(launcher[0], launcher[1], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no browser launcher here */
  }
}

/** True when something answers HTTP at the URL. */
async function answers(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Polls until the server answers, the deadline passes, or `gone()` says the server process has exited. */
async function waitForServer(url, timeoutMs, gone) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone()) {
    if (await answers(url)) return !gone();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

async function main() {
  if (!existsSync(scenario)) console.warn(`Note: ${path.relative(root, scenario)} does not exist; the studio opens without it.`);
  const electron = electronBinary();
  if (electron) {
    run(bin('electron-vite'), ['build'], 'electron-vite build');
    const args = ['.', ...(existsSync(scenario) ? [scenario] : [])];
    const child = spawn(electron, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    return;
  }

  console.log(`The Electron binary is not installed on this machine (node_modules/electron/dist is missing), so Flowcast opens in your browser at ${previewUrl} instead.`);
  if (!existsSync(path.join(root, 'renderer', 'index.html'))) {
    console.error('renderer/index.html does not exist yet: there is no studio to build.');
    process.exit(1);
  }
  if (await answers(previewUrl)) {
    console.error(`Port 4173 is already in use (another preview server?): stop it, or open ${previewUrl} if it is already serving Flowcast.`);
    process.exit(1);
  }
  run(bin('vite'), ['build', '--logLevel', 'warn'], 'vite build');
  const preview = spawn(bin('vite'), ['preview', '--host', '127.0.0.1', '--port', '4173', '--strictPort'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  let exited = false;
  const stop = () => preview.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  preview.on('exit', (code) => {
    exited = true;
    process.exit(code ?? 0);
  });
  if (await waitForServer(previewUrl, 30_000, () => exited)) {
    console.log(`Flowcast studio: ${previewUrl} (Ctrl+C to stop)`);
    openBrowser(previewUrl);
  } else if (!exited) {
    console.error(`The preview server did not answer at ${previewUrl} within 30 s.`);
    stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
