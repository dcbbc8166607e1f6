// Runs `./meet up` for a test: a free HTTP port, a temporary run dir, the "Meeting URL:" line,
// the recorded pids and ports, and a SIGTERM stop that reports the exit status.
//
//   const stack = await startStack();          // throws with the output and logs on failure
//   stack.url, stack.room, stack.httpPort, stack.runDir, stack.ports (ports.env), stack.pids
//   const status = await stack.stop();         // { code, signal } or null on timeout
//   stack.dumpLogs(); stack.cleanup();
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const kRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function readEnvFile(file) {
  const out = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_0-9]+)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

export async function startStack({ timeoutMs = 240000, echo = true } = {}) {
  const httpPort = await freePort();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meet-up-test-'));
  const env = { ...process.env, MEET_UP_SKIP_BUILD: process.env.MEET_UP_SKIP_BUILD ?? '1' };
  if (echo) console.log(`./meet up --http-port ${httpPort} --run-dir ${runDir}`);
  const child = spawn(path.join(kRoot, 'meet'), ['up', '--http-port', String(httpPort), '--run-dir', runDir],
    { cwd: kRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stack = { httpPort, runDir, child, output: '', exitStatus: null };
  const onData = (d) => {
    stack.output += d;
    if (echo) process.stdout.write(d);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  stack.exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    stack.exitStatus = { code, signal };
    resolve(stack.exitStatus);
  }));

  stack.dumpLogs = () => {
    const logs = path.join(runDir, 'logs');
    if (!fs.existsSync(logs)) return;
    for (const f of fs.readdirSync(logs)) {
      const text = fs.readFileSync(path.join(logs, f), 'utf8');
      console.log(`----- ${f} (last 40 lines)\n${text.split('\n').slice(-40).join('\n')}`);
    }
  };
  stack.stop = async (timeout = 60000) => {
    if (stack.exitStatus === null) child.kill('SIGTERM');
    return Promise.race([stack.exited, sleep(timeout).then(() => null)]);
  };
  stack.cleanup = () => fs.rmSync(runDir, { recursive: true, force: true });

  const deadline = Date.now() + timeoutMs;
  let match = null;
  while (!match && stack.exitStatus === null && Date.now() < deadline) {
    match = /^Meeting URL: (http:\/\/localhost:(\d+)\/([a-z0-9._-]+))$/m.exec(stack.output);
    if (!match) await sleep(100);
  }
  if (!match) {
    const why = stack.exitStatus ? `exited (${JSON.stringify(stack.exitStatus)})` : 'timed out';
    stack.dumpLogs();
    await stack.stop(30000);
    throw new Error(`./meet up printed no "Meeting URL:" line: ${why}`);
  }
  [, stack.url, stack.urlPort, stack.room] = match;
  stack.ports = readEnvFile(path.join(runDir, 'ports.env'));
  stack.pids = {};
  for (const f of fs.readdirSync(path.join(runDir, 'pids'))) {
    stack.pids[path.basename(f, '.pid')] = Number(fs.readFileSync(path.join(runDir, 'pids', f), 'utf8'));
  }
  return stack;
}
