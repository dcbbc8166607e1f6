// Two headless Chromium pages join the room printed by `./meet up` (ctest web.e2e.up_join):
// the page loads from the one origin, connects to Prosody over /xmpp-websocket, gets the room
// from the real focus (conference request to focus.<domain>), joins the MUC, and each page lists
// the other participant by display name (Alice over WebSocket, Bob over BOSH); a room chat
// message arrives on the other page. Media
// is not checked here (it needs the bridge's forwarding).   node tests/integration/up/up_join_test.mjs
import { launchChromium, openPage } from '../../support/browser/launch.mjs';
import { sleep, startStack } from './up_stack.mjs';

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
  return ok;
}

async function waitFor(page, predicate, arg, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < deadline) {
    last = await page.evaluate(() => window.meetTest?.state() ?? null).catch(() => null);
    if (last && predicate(last, arg)) return { ok: true, state: last };
    await sleep(250);
  }
  return { ok: false, state: last };
}

const names = (state) => (state.participants ?? []).map((p) => p.displayName);

let stack;
const browsers = [];
try {
  stack = await startStack();
  const alice = await launchChromium({ logPrefix: 'alice' });
  browsers.push(alice);
  const bob = await launchChromium({ logPrefix: 'bob' });
  browsers.push(bob);
  await openPage(alice, `${stack.url}?autojoin=1&name=Alice`);
  await openPage(bob, `${stack.url}?autojoin=1&name=Bob&preferBosh=1`);

  for (const [who, browser, transport] of [['Alice', alice, 'websocket'], ['Bob', bob, 'bosh']]) {
    const joined = await waitFor(browser.page, (s) => s.phase === 'joined' && s.connection === 'connected', null, 30000);
    check(joined.ok, `${who} joined the room over ${joined.state?.transport} (${JSON.stringify({
      screen: joined.state?.screen, phase: joined.state?.phase, connection: joined.state?.connection, error: joined.state?.error })})`);
    check(joined.state?.transport === transport, `${who} uses ${transport} (/${transport === 'bosh' ? 'http-bind' : 'xmpp-websocket'} through the origin)`);
    check(joined.state?.room === `${stack.room}@conference.meet.localhost`, `${who} is in ${stack.room}@conference.meet.localhost`);
  }
  const aliceSees = await waitFor(alice.page, (s) => names(s).includes('Bob'), null, 20000);
  check(aliceSees.ok, `Alice lists Bob (${JSON.stringify(aliceSees.state && names(aliceSees.state))})`);
  const bobSees = await waitFor(bob.page, (s) => names(s).includes('Alice'), null, 20000);
  check(bobSees.ok, `Bob lists Alice (${JSON.stringify(bobSees.state && names(bobSees.state))})`);

  // Room chat through the UI's composer.
  const text = `hello from alice ${Date.now()}`;
  await alice.page.click('button[title="Chat"]');
  await alice.page.fill('.chat-input', text);
  await alice.page.press('.chat-input', 'Enter');
  const chat = await waitFor(bob.page, (s, t) => (s.chat ?? []).some((m) => m.body === t && !m.private), text, 10000);
  check(chat.ok, 'a room chat message from Alice reaches Bob');
} catch (e) {
  check(false, `unexpected: ${e.stack ?? e}`);
} finally {
  if (failures) for (const b of browsers) await b.screenshotOnFailure('up-join');
  for (const b of browsers) await b.close();
  if (stack) {
    if (failures) stack.dumpLogs();
    const status = await stack.stop();
    check(status !== null && status.code === 0, `./meet up stops with exit code 0 (${JSON.stringify(status)})`);
    if (failures === 0) stack.cleanup();
    else console.log(`run dir kept: ${stack.runDir}`);
  }
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
