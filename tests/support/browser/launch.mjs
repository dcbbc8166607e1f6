// Shared helpers for tests that drive Debian's headless Chromium (interop and end-to-end tests).
//
//   import { launchChromium, serveStatic, openPage } from '../../support/browser/launch.mjs';
//   const server = await serveStatic(folder);               // http://localhost:<ephemeral>/
//   const browser = await launchChromium();                  // fresh profile, WebRTC-on-loopback flags
//   const page = await openPage(browser, `${server.url}peer.html`);
//   ...
//   await browser.screenshotOnFailure('what-failed');        // PNG path, printed to stderr
//   await browser.close(); await server.close();
//
// Facts this relies on (shared/docs/running-real-peers.md section 5):
//  * --allow-loopback-in-peer-connection is needed for 127.0.0.1 candidates, and Chromium only
//    enumerates interfaces for a page with a granted media permission (--use-fake-ui-for-media-stream)
//    on a secure origin: the page must come from http://localhost, never about:blank/setContent.
//  * Never `npx playwright install`: playwright-core drives /usr/bin/chromium (override: $CHROMIUM).
//  * Run the browser and every server it talks to in one loopback-only network namespace
//    (tests/support/run_in_netns.sh) so ICE can only use 127.0.0.1.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export const kChromiumExecutable = process.env.CHROMIUM || '/usr/bin/chromium';

export const kChromiumFlags = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
]);

const kContentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

// Where screenshots and other failure artifacts go: $MEET_TEST_ARTIFACTS or the system temp dir.
export function artifactsDir() {
  const dir = process.env.MEET_TEST_ARTIFACTS || path.join(os.tmpdir(), 'meet-test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// Serves the files under `root` (GET/HEAD only, no directory listings, no escaping `root`) on
// 127.0.0.1 at an ephemeral port. Returns { url: 'http://localhost:<port>/', port, close() }.
export async function serveStatic(root, { host = '127.0.0.1' } = {}) {
  const base = fs.realpathSync(root);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(base, '.' + rel);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': kContentTypes[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address();
  return {
    port,
    // "localhost" (not 127.0.0.1) makes the origin a secure context without TLS.
    url: `http://localhost:${port}/`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

// Launches Chromium with kChromiumFlags (+ extraArgs) in a fresh user-data-dir. Returns
// { context, page, userDataDir, screenshotOnFailure(name), close() }. Browser console errors and
// page errors go to stderr prefixed with `logPrefix`.
export async function launchChromium({
  extraArgs = [],
  headless = true,
  logPrefix = 'chromium',
  consoleLevels = ['error', 'warning'],
  launchTimeoutMs = 30000,
} = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meet-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: kChromiumExecutable,
      headless,
      args: [...kChromiumFlags, ...extraArgs],
      timeout: launchTimeoutMs,
    });
  } catch (err) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`could not launch ${kChromiumExecutable}: ${err.message}`);
  }
  const page = context.pages()[0] || (await context.newPage());
  page.on('console', (msg) => {
    if (consoleLevels.includes(msg.type())) process.stderr.write(`[${logPrefix} console.${msg.type()}] ${msg.text()}\n`);
  });
  page.on('pageerror', (err) => process.stderr.write(`[${logPrefix} pageerror] ${err.message}\n`));
  page.on('crash', () => process.stderr.write(`[${logPrefix}] page crashed\n`));

  let closed = false;
  return {
    context,
    page,
    userDataDir,
    // Saves a full-page PNG named after `name` into artifactsDir(); returns its path, or null when
    // the page is gone. Never throws: it runs on failure paths.
    async screenshotOnFailure(name = 'failure') {
      if (closed || page.isClosed()) return null;
      const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
      const file = path.join(artifactsDir(), `${safe}-${process.pid}-${Date.now()}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true, timeout: 5000 });
        process.stderr.write(`[${logPrefix}] screenshot saved: ${file}\n`);
        return file;
      } catch (err) {
        process.stderr.write(`[${logPrefix}] screenshot failed: ${err.message}\n`);
        return null;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// Opens `url` in the browser's page and waits for the load event.
export async function openPage(browser, url, { timeoutMs = 15000 } = {}) {
  await browser.page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  return browser.page;
}
