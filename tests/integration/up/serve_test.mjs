// Tests of web/server/serve.mjs on its own (ctest web.integration.serve): a temporary dist/
// folder and stand-in upstreams (node:http servers for Prosody, the bridge and the focus, one of
// them answering WebSocket upgrades) check static files, the SPA fallback, path traversal,
// config.js override, the proxies (HTTP with bodies, raw upgrade piping), 502 for a missing or
// dead upstream and the body limit.       node tests/integration/up/serve_test.mjs
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { parseArgs, routeFor, staticPath, startServer } = await import(path.join(root, 'web', 'server', 'serve.mjs'));

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

function request(port, urlPath, { method = 'GET', body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (body && !h['transfer-encoding']) h['content-length'] = Buffer.byteLength(body);
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers: h, timeout: 5000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

// Sends a raw upgrade request, returns the first bytes the server answers, after `after` is sent.
function rawUpgrade(port, urlPath, after) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => { s.destroy(); resolve(got); }, 3000);
    s.on('error', reject);
    s.on('connect', () => {
      s.write(`GET ${urlPath} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
              `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      if (after) s.write(after);
    });
    s.on('data', (d) => {
      got += d;
      if (!after || got.includes('echo:')) {
        clearTimeout(timer);
        s.destroy();
        resolve(got);
      }
    });
    s.on('close', () => { clearTimeout(timer); resolve(got); });
  });
}

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'meet-serve-test-'));
fs.mkdirSync(path.join(dist, 'assets'));
const kIndex = '<!doctype html><title>meet</title><script type="module" src="/assets/app-1234.js"></script>';
fs.writeFileSync(path.join(dist, 'index.html'), kIndex);
fs.writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log("app");');
fs.writeFileSync(path.join(dist, 'config.js'), 'window.meetConfig = { dist: true };');
const configJs = path.join(dist, '..', `${path.basename(dist)}-config.js`);
fs.writeFileSync(configJs, "window.meetConfig = { hosts: { domain: 'meet.localhost' } };");
const secret = path.join(path.dirname(dist), `${path.basename(dist)}-secret.txt`);
fs.writeFileSync(secret, 'secret');

// Stand-in upstreams: each echoes method, path, body and the forwarded headers as JSON.
function makeUpstream(name) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.stringify({
        name, method: req.method, url: req.url, body: Buffer.concat(chunks).toString(),
        contentLength: req.headers['content-length'] ?? null, chunked: 'transfer-encoding' in req.headers,
        forwardedFor: req.headers['x-forwarded-for'] ?? null,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  // Upgrade: answers 101 and echoes every chunk back prefixed with "echo:".
  server.on('upgrade', (req, socket, head) => {
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Upstream: ${name}\r\nX-Path: ${req.url}\r\n\r\n`);
    if (head.length) socket.write(`echo:${head}`);
    socket.on('data', (d) => socket.write(`echo:${d}`));
  });
  return server;
}

const prosody = makeUpstream('prosody');
const bridge = makeUpstream('bridge');
const prosodyPort = await listen(prosody);
const bridgePort = await listen(bridge);
async function unusedPort() {  // a port that was free a moment ago; nothing listens there
  const s = net.createServer();
  const p = await listen(s);
  await new Promise((r) => s.close(r));
  return p;
}
const deadPort = await unusedPort();
const webPort = await unusedPort();

try {
  // Pure helpers.
  const o = parseArgs(['--port', '8000', '--prosody-http', '1', '--bridge-http', '2', '--focus-http', '3']);
  check(o.port === 8000 && o.hosts.length === 1 && o.hosts[0] === '127.0.0.1', 'parseArgs: port, default host 127.0.0.1');
  let threw = false;
  try { parseArgs(['--port', '70000']); } catch { threw = true; }
  check(threw, 'parseArgs rejects a port above 65535');
  threw = false;
  try { parseArgs(['--https-port', '8443']); } catch { threw = true; }
  check(threw, 'parseArgs: --https-port needs --cert and --key');
  check(routeFor('/xmpp-websocket', o)?.port === 1 && routeFor('/http-bind', o)?.port === 1, 'routeFor: Prosody paths');
  check(routeFor('/colibri-ws/jvb-1/c/e', o)?.port === 2, 'routeFor: /colibri-ws/ -> bridge');
  check(routeFor('/conference-request/v1', o)?.port === 3, 'routeFor: /conference-request/ -> focus');
  check(routeFor('/xmpp-websocketx', o) === null && routeFor('/myroom', o) === null, 'routeFor: other paths are static');
  check(staticPath(dist, '/../secret.txt') === path.join(dist, 'secret.txt'), 'staticPath keeps /../ inside the root');
  check(staticPath(dist, '/%2e%2e/x') === path.join(dist, 'x'), 'staticPath keeps encoded ../ inside the root');
  check(staticPath(dist, '/%E0%A4%A') === null, 'staticPath rejects malformed percent-encoding');
  check(staticPath(dist, '/a%00b') === null, 'staticPath rejects NUL');

  // The server, with the focus configured on a port where nothing listens.
  const server = startServer(parseArgs(['--port', String(webPort), '--dist', dist, '--config-js', configJs,
    '--prosody-http', String(prosodyPort), '--bridge-http', String(bridgePort), '--focus-http', String(deadPort),
    '--log-level', 'error']));
  await server.ready;

  const index = await request(webPort, '/');
  check(index.status === 200 && index.body === kIndex && /text\/html/.test(index.headers['content-type']), 'GET / is index.html');
  const room = await request(webPort, '/brave-otters-sing-softly?autojoin=1');
  check(room.status === 200 && room.body === kIndex, 'GET /<room>?query falls back to index.html');
  const head = await request(webPort, '/someroom', { method: 'HEAD' });
  check(head.status === 200 && head.body === '' && Number(head.headers['content-length']) === kIndex.length, 'HEAD /<room>: headers, no body');
  const asset = await request(webPort, '/assets/app-1234.js');
  check(asset.status === 200 && asset.body === 'console.log("app");' && /javascript/.test(asset.headers['content-type']) &&
        /immutable/.test(asset.headers['cache-control']), 'assets are served as JavaScript, cached immutable');
  check((await request(webPort, '/assets/missing.js')).status === 404, 'a missing asset is 404');
  check((await request(webPort, '/favicon.ico')).status === 404, 'a missing file with an extension is 404');
  const config = await request(webPort, '/config.js');
  check(config.status === 200 && config.body.includes("domain: 'meet.localhost'"), '/config.js comes from --config-js, not dist/');
  const escape = await request(webPort, `/..%2f${path.basename(secret)}`);
  check(!escape.body.includes('secret'), 'encoded ../ does not leave dist/');
  const post = await request(webPort, '/room', { method: 'POST', body: 'x' });
  check(post.status === 405, 'POST to a static path is 405');

  // HTTP proxies.
  const wsGet = JSON.parse((await request(webPort, '/xmpp-websocket')).body);
  check(wsGet.name === 'prosody' && wsGet.method === 'GET' && wsGet.url === '/xmpp-websocket', 'GET /xmpp-websocket reaches Prosody');
  const bosh = JSON.parse((await request(webPort, '/http-bind?x=1', { method: 'POST', body: '<body rid="1"/>' })).body);
  check(bosh.name === 'prosody' && bosh.url === '/http-bind?x=1' && bosh.body === '<body rid="1"/>' &&
        bosh.contentLength === '15' && bosh.forwardedFor === '127.0.0.1', 'POST /http-bind: body, path and X-Forwarded-For reach Prosody');
  const chunked = JSON.parse((await request(webPort, '/http-bind', {
    method: 'POST', body: '<body rid="2"/>', headers: { 'transfer-encoding': 'chunked' },
  })).body);
  check(chunked.body === '<body rid="2"/>' && chunked.contentLength === '15' && !chunked.chunked,
        'a chunked body is forwarded with a content-length');
  const big = await request(webPort, '/http-bind', { method: 'POST', body: 'x'.repeat((1 << 20) + 1) });
  check(big.status === 413, 'a body over 1 MiB is 413');
  const focus = await request(webPort, '/conference-request/v1', { method: 'POST', body: '{}' });
  check(focus.status === 502, 'a dead upstream (focus) is 502');

  // Upgrades: piped raw both ways to the right upstream.
  const ws = await rawUpgrade(webPort, '/xmpp-websocket', 'hello');
  check(/^HTTP\/1\.1 101/.test(ws) && ws.includes('X-Upstream: prosody') && ws.includes('echo:hello'),
        'WebSocket upgrade on /xmpp-websocket is piped to Prosody both ways');
  const colibri = await rawUpgrade(webPort, '/colibri-ws/jvb-1/abc/ep1?pwd=xyz', 'ping');
  check(colibri.includes('X-Upstream: bridge') && colibri.includes('X-Path: /colibri-ws/jvb-1/abc/ep1?pwd=xyz') &&
        colibri.includes('echo:ping'), 'WebSocket upgrade on /colibri-ws/ is piped to the bridge with its path');
  check(/^HTTP\/1\.1 404/.test(await rawUpgrade(webPort, '/room')), 'an upgrade on a static path is 404');
  check(/^HTTP\/1\.1 404/.test(await rawUpgrade(webPort, '/conference-request/v1')), 'an upgrade to the focus is refused');

  await server.close();
  check(await new Promise((resolve) => {
    const s = net.connect(webPort, '127.0.0.1');
    s.on('connect', () => { s.destroy(); resolve(false); });
    s.on('error', () => resolve(true));
  }), 'close() stops listening');
} catch (e) {
  check(false, `unexpected: ${e.stack ?? e}`);
} finally {
  prosody.close();
  bridge.close();
  prosody.closeAllConnections?.();
  bridge.closeAllConnections?.();
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(configJs, { force: true });
  fs.rmSync(secret, { force: true });
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
