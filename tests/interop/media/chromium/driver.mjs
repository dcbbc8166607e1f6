// Drives peer.html in headless Chromium for the C++ interop test, over JSON lines:
// stdout carries only protocol lines (one JSON object each), stderr carries logs.
//
//   node driver.mjs [--trickle] [--timeout-ms N] [--no-audio] [--no-video] [--no-datachannel]
//
// Out (driver -> test):
//   {"type":"offer","sdp":…}                       first line, once the page made its offer
//   {"type":"candidate","candidate":"candidate:…","mid":"0","mlineIndex":0}   only with --trickle;
//                                                  candidate "" = end of candidates
//   {"type":"state","what":"connection|ice|gathering|dtls","state":…}
//   {"type":"answer-applied","state":…}            after setRemoteDescription succeeded
//   {"type":"datachannel-open","label":…,"protocol":…,"id":N}
//   {"type":"datachannel-message","label":…,"text":…}     a message the browser received from us
//   {"type":"sent","text":…}                       the browser sent a text on the data channel
//   {"type":"stats", …}                            a getStats() summary (peer.js stats());
//                                                  "final":true for the one sent while closing
//   {"type":"screenshot","path":…}
//   {"type":"error","message":…,"fatal":bool}
//   {"type":"closed"}                              last line before exiting 0
// In (test -> driver):
//   {"type":"answer","sdp":…}
//   {"type":"candidate","candidate":…,"mid":…,"mlineIndex":…}
//   {"type":"send-text","text":…}
//   {"type":"stats"}
//   {"type":"fail","reason":…}                     the test failed: screenshot + final stats
//   {"type":"close"}                               final stats, close the browser, exit 0
// EOF on stdin acts like "close". After --timeout-ms (default 60000) the driver takes a
// screenshot, reports an error and exits 2 on its own.

import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { launchChromium, openPage, serveStatic } from '../../../support/browser/launch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const opts = { trickle: false, timeoutMs: 60000, audio: true, video: true, dataChannel: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--trickle') opts.trickle = true;
    else if (a === '--no-audio') opts.audio = false;
    else if (a === '--no-video') opts.video = false;
    else if (a === '--no-datachannel') opts.dataChannel = false;
    else if (a === '--timeout-ms') opts.timeoutMs = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isFinite(opts.timeoutMs) || opts.timeoutMs <= 0) throw new Error('bad --timeout-ms');
  return opts;
}

function send(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}
function log(text) {
  process.stderr.write(`[driver] ${text}\n`);
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (err) {
  send({ type: 'error', message: err.message, fatal: true });
  process.exit(64);
}

let server = null;
let browser = null;
let page = null;
let closing = false;

async function finalStats() {
  if (!page || page.isClosed()) return;
  try {
    const s = await page.evaluate(() => window.meetPeer.stats());
    send({ type: 'stats', final: true, ...s });
  } catch (err) {
    send({ type: 'error', message: `final getStats failed: ${err.message}`, fatal: false });
  }
}

async function shutdown(code, { screenshot = null } = {}) {
  if (closing) return;
  closing = true;
  clearTimeout(killer);
  if (screenshot && browser) {
    const file = await browser.screenshotOnFailure(screenshot);
    if (file) send({ type: 'screenshot', path: file });
  }
  await finalStats();
  if (page && !page.isClosed()) await page.evaluate(() => window.meetPeer.close()).catch(() => {});
  if (browser) await browser.close();
  if (server) await server.close();
  if (code === 0) send({ type: 'closed' });
  // Let stdout drain before exiting.
  process.stdout.write('', () => process.exit(code));
}

async function fatal(message) {
  log(message);
  send({ type: 'error', message, fatal: true });
  await shutdown(1, { screenshot: 'chromium-interop-error' });
}

const killer = setTimeout(async () => {
  const state = page ? await page.evaluate(() => window.meetPeer.describeState()).catch(() => 'page gone') : 'no page';
  const message = `driver timeout after ${opts.timeoutMs} ms (${state})`;
  log(message);
  send({ type: 'error', message, fatal: true });
  await shutdown(2, { screenshot: 'chromium-interop-timeout' });
}, opts.timeoutMs);

// Commands are handled strictly in order, so an answer is applied before the candidates and
// messages that follow it.
let queue = Promise.resolve();
async function handle(line) {
  if (!line.trim()) return;
  let cmd;
  try {
    cmd = JSON.parse(line);
  } catch {
    send({ type: 'error', message: `bad JSON line from test: ${line.slice(0, 200)}`, fatal: false });
    return;
  }
  if (!page) {
    send({ type: 'error', message: `command ${cmd.type} before the page was ready`, fatal: false });
    return;
  }
  try {
    switch (cmd.type) {
      case 'answer': {
        const state = await page.evaluate((sdp) => window.meetPeer.setAnswer(sdp), String(cmd.sdp));
        send({ type: 'answer-applied', state });
        break;
      }
      case 'candidate':
        await page.evaluate((c) => window.meetPeer.addCandidate(c), {
          candidate: String(cmd.candidate ?? ''), mid: cmd.mid ?? null, mlineIndex: cmd.mlineIndex ?? null,
        });
        break;
      case 'send-text': {
        await page.evaluate((t) => window.meetPeer.sendText(t), String(cmd.text));
        send({ type: 'sent', text: String(cmd.text) });
        break;
      }
      case 'stats': {
        const s = await page.evaluate(() => window.meetPeer.stats());
        send({ type: 'stats', final: false, ...s });
        break;
      }
      case 'screenshot': {
        const file = await browser.screenshotOnFailure(cmd.name || 'chromium-interop');
        send({ type: 'screenshot', path: file });
        break;
      }
      case 'fail':
        log(`test reported failure: ${cmd.reason || '(no reason)'}`);
        await shutdown(0, { screenshot: 'chromium-interop-failure' });
        break;
      case 'close':
        await shutdown(0);
        break;
      default:
        send({ type: 'error', message: `unknown command ${cmd.type}`, fatal: false });
    }
  } catch (err) {
    send({ type: 'error', message: `${cmd.type} failed: ${err.message.split('\n')[0]}`, fatal: false });
  }
}

// Attach the line listener at once: lines that arrive before it is attached would be lost.
const input = readline.createInterface({ input: process.stdin });
input.on('line', (line) => {
  queue = queue.then(() => handle(line));
});
input.on('close', () => {
  queue = queue.then(() => shutdown(0));
});

try {
  server = await serveStatic(here);
  browser = await launchChromium({ logPrefix: 'chromium' });
  await browser.page.exposeFunction('meetEmit', (event) => {
    if (!closing) send(event);
  });
  page = await openPage(browser, `${server.url}peer.html`);
  const sdp = await page.evaluate((o) => window.meetPeer.start(o), {
    trickle: opts.trickle, audio: opts.audio, video: opts.video, dataChannel: opts.dataChannel,
  });
  send({ type: 'offer', sdp });
} catch (err) {
  await fatal(`setup failed: ${err.message.split('\n')[0]}`);
}
