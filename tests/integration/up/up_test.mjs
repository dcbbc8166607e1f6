// Integration test of `./meet up` (ctest web.integration.up): starts the whole stack on a free
// HTTP port in a temporary run dir, waits for the "Meeting URL:" line, then checks through the
// one origin: the room URL returns the app's index.html, /config.js names the domain,
// /xmpp-websocket answers a GET, a WebSocket to /xmpp-websocket speaks XMPP (stream features with
// SASL ANONYMOUS), /http-bind opens a BOSH session, /conference-request/v1 reaches the focus;
// the bridge's and the focus's /about/health answer on their own ports. Then SIGTERM: `./meet up`
// exits 0, every process it started is gone and every port is free again.
//
//   node tests/integration/up/up_test.mjs     (env: MEET_UP_SKIP_BUILD=1, MEET_UP_BUILD_DIR=...)
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { kRoot as root, startStack } from './up_stack.mjs';

const kDomain = 'meet.localhost';

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
  return ok;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.on('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function request(url, { method = 'GET', body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    // A body goes out with a content-length unless the caller asks for chunked encoding.
    if (body && !h['transfer-encoding']) h['content-length'] = Buffer.byteLength(body);
    const req = http.request(url, { method, headers: h, timeout: 10000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url}`)));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

// A minimal RFC 6455 client: handshake, masked text frames out, text frames in.
function xmppOverWebSocket(port, domain) {
  return new Promise((resolve, reject) => {
    const key = crypto.randomBytes(16).toString('base64');
    const sock = net.connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    let upgraded = false;
    let text = '';
    const timer = setTimeout(() => finish(new Error(`no stream features; got: ${text.slice(0, 500)}`)), 10000);
    function finish(err, value) {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err); else resolve(value);
    }
    function sendText(payload) {
      const data = Buffer.from(payload);
      if (data.length > 65535) throw new Error('frame too long for this test client');
      const header = data.length < 126 ? Buffer.from([0x81, 0x80 | data.length])
        : Buffer.from([0x81, 0x80 | 126, data.length >> 8, data.length & 0xff]);
      const mask = crypto.randomBytes(4);
      const masked = Buffer.from(data.map((b, i) => b ^ mask[i % 4]));
      sock.write(Buffer.concat([header, mask, masked]));
    }
    sock.on('error', (e) => finish(e));
    sock.on('connect', () => {
      sock.write(`GET /xmpp-websocket HTTP/1.1\r\nHost: localhost:${port}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
        `Sec-WebSocket-Protocol: xmpp\r\nOrigin: http://localhost:${port}\r\n\r\n`);
    });
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString();
        buf = buf.subarray(end + 4);
        if (!/^HTTP\/1\.1 101/.test(head)) return finish(new Error(`no upgrade: ${head.split('\r\n')[0]}`));
        const accept = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
        if (!head.toLowerCase().includes(`sec-websocket-accept: ${accept.toLowerCase()}`)) {
          return finish(new Error('wrong Sec-WebSocket-Accept'));
        }
        upgraded = true;
        sendText(`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${domain}" version="1.0"/>`);
      }
      while (buf.length >= 2) {
        let len = buf[1] & 0x7f;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        if (buf.length < off + len) return;
        const opcode = buf[0] & 0x0f;
        const payload = buf.subarray(off, off + len);
        buf = buf.subarray(off + len);
        if (opcode === 1) text += payload.toString();
        if (opcode === 8) return finish(new Error(`closed by server; got: ${text}`));
        if (/<(stream:)?features[\s\S]*<\/(stream:)?features>/.test(text)) return finish(null, text);
      }
    });
  });
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

// Processes whose command line mentions `needle` (the run dir): none may survive.
function processesMentioning(needle) {
  const found = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(needle)) found.push(`${entry}: ${cmd.trim()}`);
    } catch { /* gone meanwhile */ }
  }
  return found;
}

async function main() {
  let stack;
  try {
    stack = await startStack();
  } catch (e) {
    check(false, e.message);
    return;
  }
  check(true, 'prints "Meeting URL: http://localhost:N/<room>"');
  const { runDir, httpPort, pids, ports } = stack;
  try {
    const { url, urlPort: portText, room } = stack;
    check(Number(portText) === httpPort, `the URL uses --http-port ${httpPort}`);
    check(/-/.test(room) && room.length >= 8, `friendly room name (${room})`);
    const base = `http://127.0.0.1:${httpPort}`;

    // 2. The room URL is the app (SPA fallback), config.js names the domain.
    const indexHtml = fs.readFileSync(path.join(root, 'web', 'dist', 'index.html'), 'utf8');
    const page = await request(url);
    check(page.status === 200 && page.body === indexHtml, 'the room URL returns web/dist/index.html');
    check(/text\/html/.test(page.headers['content-type'] ?? ''), 'index.html is served as text/html');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(indexHtml);
    if (check(asset !== null, 'index.html references a script in /assets/')) {
      const js = await request(base + asset[1]);
      check(js.status === 200 && /javascript/.test(js.headers['content-type'] ?? ''), `${asset[1]} is served`);
    }
    const missing = await request(`${base}/assets/no-such-file.js`);
    check(missing.status === 404, 'a missing asset is 404, not the SPA page');
    const traversal = await request(`${base}/..%2f..%2fmeet`);
    check(traversal.status !== 200 || traversal.body === indexHtml, 'no file outside web/dist is served');
    const config = await request(`${base}/config.js`);
    check(config.status === 200 && config.body.includes(`domain: '${kDomain}'`) &&
          config.body.includes(`focus: 'focus.${kDomain}'`) && config.body.includes(`muc: 'conference.${kDomain}'`),
          '/config.js sets the domain, MUC and focus hosts');

    // 3. Prosody through the origin: GET /xmpp-websocket, a WebSocket speaking XMPP, BOSH.
    const wsGet = await request(`${base}/xmpp-websocket`);
    check(wsGet.status === 200, `GET /xmpp-websocket answers (status ${wsGet.status})`);
    try {
      const features = await xmppOverWebSocket(httpPort, kDomain);
      check(/<open [^>]*from=['"]meet\.localhost['"]/.test(features), 'WebSocket /xmpp-websocket: <open/> from the domain');
      check(/<mechanism>ANONYMOUS<\/mechanism>/.test(features), 'WebSocket /xmpp-websocket: stream features offer SASL ANONYMOUS');
    } catch (e) {
      check(false, `WebSocket /xmpp-websocket speaks XMPP: ${e.message}`);
    }
    const boshBody = () => `<body xmlns='http://jabber.org/protocol/httpbind' content='text/xml; charset=utf-8' hold='1' rid='${1000 + Math.floor(Math.random() * 1e6)}' to='${kDomain}' ver='1.6' wait='5' xml:lang='en' xmlns:xmpp='urn:xmpp:xbosh' xmpp:version='1.0'/>`;
    for (const encoding of ['content-length', 'chunked']) {
      const headers = { 'content-type': 'text/xml; charset=utf-8' };
      if (encoding === 'chunked') headers['transfer-encoding'] = 'chunked';
      const bosh = await request(`${base}/http-bind`, { method: 'POST', headers, body: boshBody() });
      check(bosh.status === 200 && /sid=['"][^'"]+['"]/.test(bosh.body) && /<mechanism>ANONYMOUS<\/mechanism>/.test(bosh.body),
            `POST /http-bind (${encoding}) opens a BOSH session`);
    }

    // 4. Health of the bridge and the focus on their own ports.
    const bridgeHealth = await request(`http://127.0.0.1:${ports.BRIDGE_HTTP_PORT}/about/health`).catch((e) => ({ status: e.message }));
    check(bridgeHealth.status === 200, `bridge /about/health on port ${ports.BRIDGE_HTTP_PORT} (${bridgeHealth.status})`);
    const focusHealth = await request(`http://127.0.0.1:${ports.FOCUS_HTTP_PORT}/about/health`).catch((e) => ({ status: e.message }));
    check(focusHealth.status === 200, `focus /about/health on port ${ports.FOCUS_HTTP_PORT} (${focusHealth.status})`);
    const conf = await request(`${base}/conference-request/v1`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: `${room}@conference.${kDomain}`, properties: {} }),
    });
    check(conf.status === 200 && /"ready"\s*:\s*true/.test(conf.body),
          `POST /conference-request/v1 through the origin reaches the focus (${conf.status} ${conf.body.slice(0, 120)})`);

    // 5. Every process recorded in pids/ runs.
    for (const name of ['prosody', 'bridge', 'focus', 'web']) {
      check(pids[name] > 0 && pidAlive(pids[name]), `${name} runs (pid ${pids[name]})`);
    }
    check(processesMentioning(runDir).length >= 3, 'the processes are found by their run dir');

    // 6. SIGTERM stops everything and frees the ports.
    const status = await stack.stop();
    check(status !== null && status.code === 0, `./meet up exits 0 after SIGTERM (${JSON.stringify(status)})`);
    for (const [name, pid] of Object.entries(pids)) check(!pidAlive(pid), `${name} (pid ${pid}) is gone`);
    const left = processesMentioning(runDir);
    check(left.length === 0, `no process mentions the run dir any more${left.length ? `: ${left.join('; ')}` : ''}`);
    for (const [name, port] of Object.entries({ HTTP_PORT: httpPort, ...ports })) {
      check(await portIsFree(Number(port)), `port ${port} (${name}) is free`);
    }
    check(fs.readdirSync(path.join(runDir, 'pids')).length === 0, 'pids/ is empty after the stop');
  } finally {
    if (failures) stack.dumpLogs();
    await stack.stop(30000);
    if (failures === 0) stack.cleanup();
    else console.log(`run dir kept: ${runDir}`);
  }
}

await main().catch((e) => {
  console.log(`FAIL ${e.stack ?? e}`);
  failures++;
});
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
