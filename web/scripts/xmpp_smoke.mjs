// End-to-end smoke test of the XMPP side against a real Prosody (no bridge, no Jingle): starts a
// throwaway Prosody on 127.0.0.1 (anonymous meet.localhost, MUC conference.meet.localhost, a
// XEP-0114 component focus.meet.localhost played by this script, which answers the conference
// request with ready='true'), serves web/dist and opens two headless Chromium pages with
// ?autojoin=1: they must see each other (names, mute state), exchange room and private chat, and
// the second one must work over BOSH.   node scripts/xmpp_smoke.mjs   (after npm run build)
import { launchChromium, serveStatic } from '../../tests/support/browser/launch.mjs';
import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const base = 20000 + Math.floor(Math.random() * 20000);
const [c2s, comp, http] = [base, base + 1, base + 2];
const run = fs.mkdtempSync(path.join(os.tmpdir(), 'meet-web-smoke-'));
const secret = crypto.randomBytes(8).toString('hex');
fs.mkdirSync(path.join(run, 'data'));
fs.writeFileSync(path.join(run, 'prosody.cfg.lua'), `
data_path = "${run}/data"
pidfile = "${run}/prosody.pid"
log = { { levels = { min = "warn" }, to = "console" } }
interfaces = { "127.0.0.1" }
c2s_ports = { ${c2s} }; c2s_interfaces = { "127.0.0.1" }; c2s_direct_tls_ports = { }
s2s_ports = { }
component_ports = { ${comp} }; component_interface = "127.0.0.1"
http_ports = { ${http} }; http_interfaces = { "127.0.0.1" }; https_ports = { }
consider_bosh_secure = true; consider_websocket_secure = true
cross_domain_bosh = true; cross_domain_websocket = true
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "smacks"; "bosh"; "websocket"; "http"; }
modules_disabled = { "s2s"; "offline"; "tls" }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
storage = "memory"
VirtualHost "meet.localhost"
  authentication = "anonymous"
Component "conference.meet.localhost" "muc"
  restrict_room_creation = false
  muc_room_locking = false
  muc_room_default_public_jids = true
Component "focus.meet.localhost"
  component_secret = "${secret}"
`);
const asRoot = process.getuid?.() === 0;
if (asRoot) execFileSync('chown', ['-R', 'prosody:prosody', run]);
const prosody = spawn(asRoot ? 'setpriv' : 'prosody', asRoot
  ? ['--reuid=prosody', '--regid=prosody', '--clear-groups', 'prosody', '--config', path.join(run, 'prosody.cfg.lua'), '-F']
  : ['--config', path.join(run, 'prosody.cfg.lua'), '-F'], { stdio: ['ignore', 'inherit', 'inherit'] });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A minimal focus: XEP-0114 component answering <conference/> with ready='true'.
async function startFakeFocus() {
  for (let i = 0; i < 50; i++) {
    try {
      return await new Promise((resolve, reject) => {
        const s = net.connect(comp, '127.0.0.1');
        let buf = '';
        let authed = false;
        s.on('error', reject);
        s.on('connect', () => s.write(`<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='focus.meet.localhost'>`));
        s.on('data', (d) => {
          buf += d.toString();
          if (!authed) {
            const id = /<stream:stream[^>]* id=['"]([^'"]+)['"]/.exec(buf)?.[1];
            if (id && !buf.includes('<handshake')) {
              s.write(`<handshake>${crypto.createHash('sha1').update(id + secret).digest('hex')}</handshake>`);
              buf = '';
            } else if (buf.includes('<handshake')) {
              authed = true;
              buf = '';
              resolve(s);
            }
            return;
          }
          for (const m of buf.matchAll(/<iq [^>]*>[\s\S]*?<\/iq>/g)) {
            const iq = m[0];
            const from = /from=['"]([^'"]+)['"]/.exec(iq)?.[1];
            const id = /id=['"]([^'"]+)['"]/.exec(iq)?.[1];
            const room = /room=['"]([^'"]+)['"]/.exec(iq)?.[1];
            if (iq.includes('http://jitsi.org/protocol/focus') && from && id) {
              s.write(`<iq type='result' from='focus.meet.localhost' to='${from}' id='${id}'><conference xmlns='http://jitsi.org/protocol/focus' room='${room}' ready='true' focusjid='focus@auth.meet.localhost'><property name='authentication' value='false'/></conference></iq>`);
            }
          }
          buf = buf.replace(/<iq [^>]*>[\s\S]*?<\/iq>/g, '');
        });
      });
    } catch {
      await sleep(100);
    }
  }
  throw new Error('could not connect the fake focus component');
}

let failed = false;
const server = await serveStatic(path.join(here, '..', 'dist'));
const browsers = [];
try {
  const focus = await startFakeFocus();
  const params = `domain=meet.localhost&ws=ws://127.0.0.1:${http}/xmpp-websocket&bosh=http://127.0.0.1:${http}/http-bind`;
  const open = async (name, extra) => {
    const b = await launchChromium({ logPrefix: name });
    browsers.push(b);
    await b.page.goto(`${server.url}index.html?room=smoke&autojoin=1&name=${encodeURIComponent(name)}&${params}${extra}`, { waitUntil: 'load' });
    return b.page;
  };
  const a = await open('Ada', '');
  const b = await open('Bob', '&preferBosh=1&audioMuted=1');
  const waitFor = async (page, pred, what) => {
    for (let i = 0; i < 100; i++) {
      const s = await page.evaluate(() => window.meetTest.state());
      if (pred(s)) return s;
      await sleep(100);
    }
    throw new Error(`timed out: ${what}: ${JSON.stringify(await page.evaluate(() => window.meetTest.state()))}`);
  };
  const sa = await waitFor(a, (s) => s.phase === 'joined' && s.participants.length === 1, 'Ada sees Bob');
  const sb = await waitFor(b, (s) => s.phase === 'joined' && s.participants.length === 1, 'Bob sees Ada');
  const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); failed ||= !ok; };
  check(sa.transport === 'websocket', `Ada connected over WebSocket (${sa.transport})`);
  check(sb.transport === 'bosh', `Bob connected over BOSH (${sb.transport})`);
  check(/^[0-9a-f]{8}$/.test(sa.endpointId), `endpoint id is 8 hex (${sa.endpointId})`);
  check(sa.participants[0].displayName === 'Bob' && sa.participants[0].audioMuted === true, 'Ada sees Bob by name, muted (SourceInfo)');
  check(sb.participants[0].displayName === 'Ada' && sb.participants[0].audioMuted === false, 'Bob sees Ada by name, unmuted');
  // chat: room and private, unread badge
  await a.fill('.composer textarea', '').catch(() => {});
  await a.click('button[title="Chat"]');
  await a.fill('.chat-input', 'hello room');
  await a.press('.chat-input', 'Enter');
  await a.evaluate(() => {});
  const afterRoom = await waitFor(b, (s) => s.chat.some((m) => m.body === 'hello room' && !m.private), 'Bob gets room chat');
  check(afterRoom.chat.length === 1, 'room message delivered once');
  const badge = await b.textContent('button[title="Chat"] .badge').catch(() => null);
  check(badge === '1', `unread badge on Bob's chat button (${badge})`);
  await b.click('button[title="Participants"]');
  await b.click('.person button[title^="Message"]');
  await b.fill('.chat-input', 'just you');
  await b.press('.chat-input', 'Enter');
  await waitFor(a, (s) => s.chat.some((m) => m.body === 'just you' && m.private), 'Ada gets private chat');
  check(true, 'private message delivered');
  // raise hand + mute camera propagate through presence
  await b.click('button[title="Raise hand"]');
  await b.click('button[title="Camera (V)"]');
  await waitFor(a, (s) => s.participants[0]?.raisedHand && s.participants[0]?.videoMuted, 'Ada sees Bob raise hand and stop video');
  check(true, 'raise hand and camera mute seen by the other side');
  await b.click('button[title="Leave meeting"]');
  await waitFor(a, (s) => s.participants.length === 0, 'Bob left');
  check(true, 'leaving removes the participant');
  if (process.env.SMOKE_SCREENSHOT) await a.screenshot({ path: process.env.SMOKE_SCREENSHOT });
  focus.destroy();
} catch (e) {
  failed = true;
  console.error(e.message);
} finally {
  for (const b of browsers) await b.close();
  await server.close();
  prosody.kill('SIGTERM');
  await sleep(300);
  fs.rmSync(run, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
