import { describe, expect, it } from 'vitest';
import { loadConfig, newEndpointId, isEndpointId, roomFromPath } from '../src/config/config';
import { buildPresence, parseOccupantPresence, parseSourceInfo } from '../src/conference/presence';
import { buildConferenceIq, conferenceRetryDelayMs, parseConferenceAnswer } from '../src/conference/conference_iq';
import { buildPrivateMessage, buildRoomMessage, parseChatMessage } from '../src/conference/chat_message';
import { buildReceiverVideoConstraints, buildEndpointMessage, buildSourceVideoType, colibriWebSocketUrl, parseBridgeMessage, quantizeHeight } from '../src/bridge/bridge_messages';
import { serializeXml } from '../src/xml/xml_element';
import { parseXml } from './fixtures';

describe('config and URL', () => {
  it('uses meet.localhost defaults and the room from the path', () => {
    const r = loadConfig('http://localhost:8080/Weekly-Sync?autojoin=1&name=Ada%20L');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.room).toBe('weekly-sync');
    expect(r.config.domain).toBe('meet.localhost');
    expect(r.config.mucDomain).toBe('conference.meet.localhost');
    expect(r.config.focusDomain).toBe('focus.meet.localhost');
    expect(r.config.websocketUrl).toBe('ws://localhost:8080/xmpp-websocket');
    expect(r.config.boshUrl).toBe('http://localhost:8080/http-bind');
    expect(r.config.autojoin).toBe(true);
    expect(r.config.displayName).toBe('Ada L');
  });

  it('lets config.js and then URL parameters override the domains', () => {
    const raw = { hosts: { domain: 'example.test', muc: 'muc.example.test' }, websocket: 'wss://x.example.test/xmpp-websocket' };
    const a = loadConfig('https://meet.example.test/r1', raw);
    expect(a.ok && [a.config.mucDomain, a.config.focusDomain, a.config.websocketUrl]).toEqual(['muc.example.test', 'focus.example.test', 'wss://x.example.test/xmpp-websocket']);
    const b = loadConfig('https://meet.example.test/r1?domain=other.test&muc=rooms.other.test&preferBosh=1', raw);
    expect(b.ok && [b.config.domain, b.config.mucDomain, b.config.focusDomain, b.config.preferBosh]).toEqual(['other.test', 'rooms.other.test', 'focus.other.test', true]);
  });

  it('rejects room names and domains a MUC cannot hold', () => {
    expect(roomFromPath('/a%20b')).toHaveProperty('error');
    expect(roomFromPath('/')).toEqual({ room: '' });
    expect(loadConfig('http://localhost/bad%3Croom').ok).toBe(false);
    expect(loadConfig('http://localhost/ok?domain=evil%20host').ok).toBe(false);
  });

  it('makes 8-hex endpoint ids', () => {
    for (let i = 0; i < 20; i++) expect(isEndpointId(newEndpointId())).toBe(true);
    expect(newEndpointId(() => 0.999)).toBe('ffffffff');
    expect(isEndpointId('focus')).toBe(false);
  });
});

describe('presence', () => {
  it('builds the join presence LJM sends and parses it back as an occupant', () => {
    const x = buildPresence('room1@conference.meet.localhost/1a2b3c4d', {
      displayName: 'Ada <L>', statsId: 'meet-abc', codecList: ['vp9', 'vp8'], join: true, raisedHand: 1700000000000,
      sources: { '1a2b3c4d-a0': { muted: true }, '1a2b3c4d-v0': { muted: false, videoType: 'desktop' } },
    });
    const text = serializeXml(x);
    expect(text).toContain('<x xmlns="http://jabber.org/protocol/muc"/>');
    expect(text).toContain('<nick xmlns="http://jabber.org/protocol/nick">Ada &lt;L&gt;</nick>');
    expect(text).toContain('<jitsi_participant_codecList>vp9,vp8</jitsi_participant_codecList>');
    // As Prosody reflects it: from the occupant JID, with the muc#user item.
    const reflected = parseXml(text.replace('to="room1@conference.meet.localhost/1a2b3c4d"', 'from="room1@conference.meet.localhost/1a2b3c4d"')
      .replace('</presence>', '<x xmlns="http://jabber.org/protocol/muc#user"><item jid="1a2b3c4d@meet.localhost/r" role="moderator" affiliation="owner"/><status code="110"/></x></presence>'));
    const o = parseOccupantPresence(reflected, 'room1@conference.meet.localhost');
    expect(o).not.toBeNull();
    expect(o!.nick).toBe('1a2b3c4d');
    expect(o!.displayName).toBe('Ada <L>');
    expect(o!.role).toBe('moderator');
    expect(o!.statusCodes).toEqual(['110']);
    expect(o!.sources['1a2b3c4d-a0']).toEqual({ muted: true });
    expect(o!.sources['1a2b3c4d-v0']).toEqual({ muted: false, videoType: 'desktop' });
    expect(o!.raisedHand).toBe(1700000000000);
    expect(o!.codecList).toEqual(['vp9', 'vp8']);
  });

  it('accepts SourceInfo only for the sender and ignores junk', () => {
    expect(parseSourceInfo('{"1a2b3c4d-a0":{"muted":true},"99999999-v0":{"muted":false}}', '1a2b3c4d')).toEqual({ '1a2b3c4d-a0': { muted: true } });
    expect(parseSourceInfo('not json', 'x')).toEqual({});
    expect(parseSourceInfo('[1,2]', 'x')).toEqual({});
    const p = parseXml("<presence xmlns='jabber:client' from='other@conference.meet.localhost/abc' />");
    expect(parseOccupantPresence(p, 'room1@conference.meet.localhost')).toBeNull();
    const gone = parseXml("<presence xmlns='jabber:client' type='unavailable' from='room1@conference.meet.localhost/5e6f7a8b'><x xmlns='http://jabber.org/protocol/muc#user'><item role='none'/></x></presence>");
    expect(parseOccupantPresence(gone, 'room1@conference.meet.localhost')?.unavailable).toBe(true);
  });
});

describe('conference request', () => {
  it('builds the conference IQ to focus.<domain>', () => {
    const t = serializeXml(buildConferenceIq('c1', 'focus.meet.localhost', 'room1@conference.meet.localhost', 'meet-abc'));
    expect(t).toMatch(/^<iq xmlns="jabber:client" type="set" to="focus.meet.localhost" id="c1">/);
    expect(t).toContain('<conference xmlns="http://jitsi.org/protocol/focus" room="room1@conference.meet.localhost" machine-uid="meet-abc">');
    expect(t).toContain('<property name="visitors-version" value="1"/>');
  });

  it('reads ready, focusjid and errors; backs off like LJM', () => {
    const ok = parseConferenceAnswer(parseXml("<iq xmlns='jabber:client' type='result' id='c1'><conference xmlns='http://jitsi.org/protocol/focus' room='room1@conference.meet.localhost' ready='true' focusjid='focus@auth.meet.localhost'><property name='authentication' value='false'/></conference></iq>"));
    expect(ok).toEqual({ ok: true, answer: { ready: true, focusJid: 'focus@auth.meet.localhost', properties: { authentication: 'false' } } });
    const wait = parseConferenceAnswer(parseXml("<iq xmlns='jabber:client' type='result'><conference xmlns='http://jitsi.org/protocol/focus' ready='false' focusjid='focus@auth.meet.localhost'/></iq>"));
    expect(wait.ok && wait.answer.ready).toBe(false);
    const err = parseConferenceAnswer(parseXml("<iq xmlns='jabber:client' type='error'><error type='auth'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    expect(err).toEqual({ ok: false, error: 'not-authorized', retry: false });
    expect([0, 1, 2, 10].map(conferenceRetryDelayMs)).toEqual([1000, 2000, 4000, 120000]);
  });
});

describe('chat', () => {
  it('builds room and private messages and parses incoming ones', () => {
    expect(serializeXml(buildRoomMessage('r@c.x', 'hi', 'Ada'))).toBe('<message xmlns="jabber:client" to="r@c.x" type="groupchat"><body>hi</body><nick xmlns="http://jabber.org/protocol/nick">Ada</nick></message>');
    expect(serializeXml(buildPrivateMessage('r@c.x', '5e6f7a8b', 'psst', 'Ada'))).toContain('to="r@c.x/5e6f7a8b" type="chat"');
    const m = parseChatMessage(parseXml("<message xmlns='jabber:client' type='chat' from='r@c.x/5e6f7a8b'><body>psst</body><nick xmlns='http://jabber.org/protocol/nick'>Alan</nick></message>"), 'r@c.x', 5);
    expect(m).toEqual({ from: '5e6f7a8b', private: true, body: 'psst', displayName: 'Alan', timestamp: 5, delayed: false });
    const old = parseChatMessage(parseXml("<message xmlns='jabber:client' type='groupchat' from='r@c.x/5e6f7a8b'><body>earlier</body><delay xmlns='urn:xmpp:delay' stamp='2026-01-01T10:00:00Z'/></message>"), 'r@c.x', 5);
    expect(old?.delayed).toBe(true);
    expect(old?.timestamp).toBe(Date.parse('2026-01-01T10:00:00Z'));
    expect(parseChatMessage(parseXml("<message xmlns='jabber:client' type='groupchat' from='elsewhere@c.x/a'><body>x</body></message>"), 'r@c.x', 5)).toBeNull();
  });
});

describe('bridge channel messages', () => {
  it('builds ReceiverVideoConstraints from tile heights', () => {
    const m = JSON.parse(buildReceiverVideoConstraints([{ sourceName: '5e6f7a8b-v0', height: 700 }, { sourceName: '9f8e7d6c-v0', height: 150 }], { lastN: 20, onStage: ['5e6f7a8b-v0'] }));
    expect(m).toEqual({
      colibriClass: 'ReceiverVideoConstraints', lastN: 20, onStageSources: ['5e6f7a8b-v0'], defaultConstraints: { maxHeight: 180 },
      constraints: { '5e6f7a8b-v0': { maxHeight: 720 }, '9f8e7d6c-v0': { maxHeight: 180 } },
    });
    expect([0, 100, 300, 2000].map(quantizeHeight)).toEqual([0, 180, 360, 720]);
    expect(JSON.parse(buildEndpointMessage('', { type: 'hello' }))).toEqual({ colibriClass: 'EndpointMessage', to: '', msgPayload: { type: 'hello' } });
    expect(JSON.parse(buildSourceVideoType('1a2b3c4d-v0', 'desktop'))).toEqual({ colibriClass: 'SourceVideoTypeMessage', sourceName: '1a2b3c4d-v0', videoType: 'desktop' });
  });

  it('parses what the bridge sends and drops malformed messages', () => {
    expect(parseBridgeMessage('{"colibriClass":"DominantSpeakerEndpointChangeEvent","dominantSpeakerEndpoint":"5e6f7a8b","previousSpeakers":["1a2b3c4d"],"silence":false}'))
      .toEqual({ kind: 'DominantSpeaker', endpoint: '5e6f7a8b', previous: ['1a2b3c4d'], silence: false });
    expect(parseBridgeMessage('{"colibriClass":"ForwardedSources","forwardedSources":["5e6f7a8b-v0","9f00aa11-v1"]}')).toEqual({ kind: 'ForwardedSources', sources: ['5e6f7a8b-v0', '9f00aa11-v1'] });
    expect(parseBridgeMessage('{"colibriClass":"EndpointConnectivityStatusChangeEvent","endpoint":"5e6f7a8b","active":"false"}')).toEqual({ kind: 'EndpointConnectivity', endpoint: '5e6f7a8b', active: false });
    expect(parseBridgeMessage('{"colibriClass":"EndpointMessage","from":"1a2b3c4d","msgPayload":"x"}')).toBeNull();
    expect(parseBridgeMessage('{"colibriClass":"ForwardedSources","forwardedSources":[1]}')).toBeNull();
    expect(parseBridgeMessage('[]')).toBeNull();
    expect(parseBridgeMessage('{')).toBeNull();
    expect(parseBridgeMessage('{"colibriClass":"VideoSourcesMap","mappedSources":[]}')).toEqual({ kind: 'Unknown', colibriClass: 'VideoSourcesMap' });
  });

  it('points colibri-ws at the page origin that proxies /colibri-ws/', () => {
    const adv = 'wss://meet.example.com/colibri-ws/default-id/4f1c9a0be2d37c81/1a2b3c4d?pwd=Xy7';
    expect(colibriWebSocketUrl(adv, 'http://localhost:8080')).toBe('ws://localhost:8080/colibri-ws/default-id/4f1c9a0be2d37c81/1a2b3c4d?pwd=Xy7');
    expect(colibriWebSocketUrl(adv, null)).toBe(adv);
    expect(colibriWebSocketUrl('https://x/colibri-ws/a', null)).toBeNull();
    expect(colibriWebSocketUrl('wss://x/elsewhere', null)).toBeNull();
  });
});

describe('disco#info', () => {
  it('advertises the Jingle features the focus looks for', async () => {
    const { discoInfoResult } = await import('../src/conference/disco_features');
    const r = discoInfoResult(parseXml("<iq xmlns='jabber:client' type='get' id='d1' from='room1@conference.meet.localhost/focus'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));
    const text = serializeXml(r!);
    expect(text).toMatch(/^<iq xmlns="jabber:client" type="result" to="room1@conference.meet.localhost\/focus" id="d1">/);
    for (const f of ['urn:xmpp:jingle:transports:dtls-sctp:1', 'http://jitsi.org/json-encoded-sources', 'urn:xmpp:jingle:apps:rtp:video', 'http://jitsi.org/source-name']) {
      expect(text).toContain(`<feature var="${f}"/>`);
    }
    expect(text).not.toContain('ssrc-rewriting');
    expect(discoInfoResult(parseXml("<iq xmlns='jabber:client' type='set' id='x'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"))).toBeNull();
  });
});
