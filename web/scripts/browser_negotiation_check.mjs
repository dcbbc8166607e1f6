// Checks in headless Chromium that the remote SDP we build from the focus's offer is accepted by a
// real RTCPeerConnection, that the simulcast-munged answer applies, and that source-add/remove
// renegotiate: node scripts/browser_negotiation_check.mjs  (starts the Vite dev server itself).
import { launchChromium } from '../../tests/support/browser/launch.mjs';
import { createServer } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const data = (f) => fs.readFileSync(path.join(here, '..', '..', 'tests', 'data', f), 'utf8');
const server = await createServer({ root: path.join(here, '..'), server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const url = `http://localhost:${server.httpServer.address().port}/`;
const browser = await launchChromium({ consoleLevels: ['error', 'warning', 'info'] });
let failed = false;
try {
  await browser.page.goto(url + 'index.html?room=x', { waitUntil: 'load' });
  const result = await browser.page.evaluate(async ({ initiate, sourceAdd }) => {
    const { fromDom } = await import('/src/xml/xml_element.ts');
    const { parseJingle } = await import('/src/jingle/jingle_model.ts');
    const { JingleSession } = await import('/src/jingle/jingle_session.ts');
    const { serializeXml } = await import('/src/xml/xml_element.ts');
    const jingleOf = (text) => {
      const iq = fromDom(new DOMParser().parseFromString(text, 'text/xml').documentElement);
      const r = parseJingle(iq.children.find((c) => c.name === 'jingle'));
      if (!r.ok) throw new Error(r.error);
      return r.jingle;
    };
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 1280, height: 720 } });
    const sent = [];
    const logs = [];
    const host = {
      endpointId: '1a2b3c4d', roomJid: 'myroom@muc.meet.jitsi', focusOccupant: 'myroom@muc.meet.jitsi/focus', simulcast: true,
      sendIq: async (x) => { sent.push(x); return x; },
      onRemoteTrack: () => {}, onSourcesChanged: () => {}, onIceState: () => {}, onSessionReady: () => {}, onTerminated: () => {},
      log: (m, ...a) => logs.push(m + ' ' + a.map(String).join(' ')),
    };
    const s = new JingleSession('9kd2l1qz', host, { audio: stream.getAudioTracks()[0], video: stream.getVideoTracks()[0], stream });
    await s.handleInitiate(jingleOf(initiate));
    const accept = sent.find((x) => x.children[0]?.attrs.action === 'session-accept');
    const afterInitiate = s.pc.getTransceivers().length;
    await s.handleSourceAdd(jingleOf(sourceAdd));
    const afterAdd = s.pc.getTransceivers().length;
    await s.removeParticipant('9f8e7d6c');
    const local = s.pc.localDescription.sdp;
    const senders = s.pc.getSenders().filter((x) => x.track).map((x) => x.track.kind).sort();
    const encodings = s.pc.getSenders().find((x) => x.track?.kind === 'video')?.getParameters().encodings.length;
    s.close();
    return {
      logs, afterInitiate, afterAdd, senders, encodings,
      accept: accept ? serializeXml(accept) : null,
      localSim: /a=ssrc-group:SIM \d+ \d+ \d+/.test(local),
      signaling: s.pc.signalingState,
    };
  }, { initiate: data('jingle/session_initiate_jicofo.xml'), sourceAdd: data('jingle/source_add_json.xml') });
  const checks = {
    'no errors logged': result.logs.length === 0,
    'session-accept sent': !!result.accept,
    'accept has 3-layer simulcast': /semantics="SIM"><source ssrc="\d+"\/><source ssrc="\d+"\/><source ssrc="\d+"\/>/.test(result.accept ?? ''),
    'accept names sources': (result.accept ?? '').includes('name="1a2b3c4d-v0"') && (result.accept ?? '').includes('name="1a2b3c4d-a0"'),
    'accept is DTLS active': (result.accept ?? '').includes('setup="active"'),
    'accept has data content': (result.accept ?? '').includes('<sctpmap'),
    'local description kept SIM': result.localSim,
    '4 RTP transceivers after initiate (data has none)': result.afterInitiate === 4,
    'camera sender has 3 simulcast encodings': result.encodings === 3,
    'source-add added 3 m-lines': result.afterAdd === result.afterInitiate + 3,
    'sending audio+video': result.senders.join(',') === 'audio,video',
  };
  for (const [k, v] of Object.entries(checks)) {
    console.log(`${v ? 'ok  ' : 'FAIL'} ${k}`);
    failed ||= !v;
  }
  if (failed) console.log(JSON.stringify(result, null, 1).slice(0, 4000));
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
