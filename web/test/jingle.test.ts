import { describe, expect, it } from 'vitest';
import { buildJingle, parseJingle, type Jingle } from '../src/jingle/jingle_model';
import { encodeSourceMapJson, expandSourceMap, parseSourceMapJson } from '../src/jingle/json_sources';
import { RemoteSdp } from '../src/jingle/remote_sdp';
import { mungeLocalAnswer } from '../src/jingle/local_sdp';
import { sdpToJingle } from '../src/sdp/jingle_sdp';
import { parseSdp, ssrcOrder, ssrcAttribute } from '../src/sdp/session_description';
import { serializeXml } from '../src/xml/xml_element';
import { parseXml, readData, readJingleXml } from './fixtures';

function jingleOf(rel: string): Jingle {
  const r = parseJingle(readJingleXml(rel));
  if (!r.ok) throw new Error(`${rel}: ${r.error} at ${r.where}`);
  return r.jingle;
}

describe('json-message sources', () => {
  it('expands the focus source-add into camera, desktop and audio sources', () => {
    const j = jingleOf('jingle/source_add_json.xml');
    expect(j.action).toBe('source-add');
    const video = expandSourceMap(j.jsonSources!, 'video');
    expect(video.sources.map((s) => [s.ssrc, s.name, s.videoType, s.owner])).toEqual([
      [4100001, '9f8e7d6c-v0', 'camera', '9f8e7d6c'], [4100002, '9f8e7d6c-v0', 'camera', '9f8e7d6c'],
      [4200001, '9f8e7d6c-v1', 'desktop', '9f8e7d6c'], [4200002, '9f8e7d6c-v1', 'desktop', '9f8e7d6c'],
    ]);
    expect(video.groups).toEqual([{ semantics: 'FID', ssrcs: [4100001, 4100002] }, { semantics: 'FID', ssrcs: [4200001, 4200002] }]);
    const audio = expandSourceMap(j.jsonSources!, 'audio');
    expect(audio.sources.map((s) => [s.ssrc, s.msid])).toEqual([[4300001, '9f8e7d6c-audio-0-1 c9d0e1f2-1']]);
    // encode -> parse is the identity on the model
    const again = parseSourceMapJson(encodeSourceMapJson(j.jsonSources!));
    expect(again.ok && again.map).toEqual(j.jsonSources);
  });

  it('rejects malformed JSON sources with a path', () => {
    const bad = [
      ['{"sources":{"a":[[{"s":0}]]}}', 'bad ssrc'],
      ['{"sources":{"a":[[{"s":1,"v":"x"}]]}}', 'must be "d"'],
      ['{"sources":{"a":[[],[["x",1,2]]]}}', 'semantics'],
      ['{"sources":[]}', 'not an object'],
      ['{"sources":', 'not JSON'],
    ];
    for (const [text, msg] of bad) {
      const r = parseSourceMapJson(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain(msg);
    }
    const j = parseJingle(parseXml("<jingle xmlns='urn:xmpp:jingle:1' action='source-add' sid='s'><json-message xmlns='http://jitsi.org/jitmeet'>{\"sources\":{\"a\":[[{\"s\":-5}]]}}</json-message></jingle>"));
    expect(j.ok).toBe(false);
    if (!j.ok) expect(j.where).toBe('jingle/json-message/sources/a');
  });
});

describe('Jingle XML', () => {
  it('parses the jicofo offer: transport, web-socket, bridge-session, sctpmap', () => {
    const j = jingleOf('jingle/session_initiate_jicofo.xml');
    expect(j.sid).toBe('9kd2l1qz');
    expect(j.contents.map((c) => c.name)).toEqual(['audio', 'video', 'data']);
    expect(j.bundle).toEqual(['audio', 'video', 'data']);
    expect(j.bridgeSession).toEqual({ id: '0c7e6f4a-5b1d-4c2e-9f3a-8d7b6e5c4a31', region: 'us-east-1' });
    expect(j.contents[0].transport!.webSockets[0]).toMatch(/^wss:\/\/meet.example.com\/colibri-ws\//);
    expect(j.contents[2].transport!.sctpmap).toEqual({ number: 5000, protocol: 'webrtc-datachannel', streams: 1024 });
    expect(j.contents[1].description!.payloadTypes.map((p) => p.id)).toEqual([41, 100, 107, 101, 42, 96, 97, 99]);
    expect(j.startMuted).toEqual({ audio: true, video: false });
  });

  it('builds what it parses (offer, source-add with owners, terminate with restart)', () => {
    for (const f of ['jingle/session_initiate_jicofo.xml', 'jingle/source_add_xml.xml', 'jingle/session_terminate_restart.xml', 'jingle/transport_info_trickle.xml']) {
      const j = jingleOf(f);
      const rebuilt = parseJingle(parseXml(serializeXml(buildJingle(j))));
      expect(rebuilt.ok, f).toBe(true);
      if (!rebuilt.ok) continue;
      const strip = (x: Jingle) => ({ ...x, jsonSources: undefined, startMuted: undefined, contents: x.contents.map((c) => ({ ...c, description: c.description && { ...c.description, sources: c.description.sources.map((s) => ({ ...s, owner: '' })) } })) });
      expect(strip(rebuilt.jingle), f).toEqual(strip(j));
    }
    const t = jingleOf('jingle/session_terminate_restart.xml');
    expect(t.reason).toEqual({ condition: 'connectivity-error', text: 'ICE FAILED' });
    expect(t.bridgeSession?.restart).toBe(true);
    const xml = jingleOf('jingle/source_add_xml.xml');
    expect(xml.contents[0].description!.sources.map((s) => s.owner)).toEqual(['9f8e7d6c', '0a1b2c3d']);
  });

  it('bounds untrusted input', () => {
    const many = '<candidate component="1" foundation="1" ip="1.2.3.4" port="1" priority="1"/>'.repeat(200);
    const r = parseJingle(parseXml(`<jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='s'><content name='0'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>${many}</transport></content></jingle>`));
    expect(r.ok).toBe(false);
    const noSsrc = parseJingle(parseXml("<jingle xmlns='urn:xmpp:jingle:1' action='source-add' sid='s'><content name='audio'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='x'/></description></content></jingle>"));
    expect(noSsrc.ok).toBe(false);
    if (!noSsrc.ok) expect(noSsrc.where).toBe('jingle/content[1]/source[1]');
  });
});

describe('remote description across source-add/remove', () => {
  it('appends one m-line per new source and keeps mids stable', () => {
    const remote = new RemoteSdp(jingleOf('jingle/session_initiate_jicofo.xml'), '1');
    expect(remote.sdp.media.map((m) => m.mid)).toEqual(['0', '1', '2', '3', '4']);
    expect(remote.addSources(jingleOf('jingle/source_add_json.xml'))).toBe(3);
    expect(remote.sdp.media.map((m) => `${m.mid}:${m.media}:${m.direction}`)).toEqual([
      '0:audio:sendrecv', '1:audio:sendonly', '2:video:sendrecv', '3:video:sendonly', '4:application:sendrecv',
      '5:audio:sendonly', '6:video:sendonly', '7:video:sendonly',
    ]);
    expect(remote.sdp.groups[0].mids).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect(ssrcOrder(remote.sdp.media[7])).toEqual([4200001, 4200002]);
    expect(ssrcAttribute(remote.sdp.media[7], 4200001, 'videoType')).toBe('desktop');
    expect(remote.sources().map((s) => `${s.mid}:${s.name}`)).toEqual(['1:5e6f7a8b-a0', '3:5e6f7a8b-v0', '5:9f8e7d6c-a0', '6:9f8e7d6c-v0', '7:9f8e7d6c-v1']);
    // Adding the same sources again changes nothing.
    expect(remote.addSources(jingleOf('jingle/source_add_json.xml'))).toBe(0);
    const origin = remote.sdp.origin;
    // The occupant leaves: its m-lines go inactive, and a new source reuses one of them.
    expect(remote.removeOwner('9f8e7d6c')).toBeGreaterThan(0);
    expect(remote.sdp.origin).not.toBe(origin);
    expect(remote.sdp.media.slice(5).map((m) => `${m.direction}:${m.ssrcs.length}`)).toEqual(['inactive:0', 'inactive:0', 'inactive:0']);
    expect(remote.addSources(jingleOf('jingle/source_add_xml.xml'))).toBeGreaterThan(0);
    expect(remote.sdp.media).toHaveLength(8 + 1); // 4 audio/video units, 3 slots reused, 1 appended
    expect(remote.sdp.media.filter((m) => m.direction === 'inactive')).toHaveLength(0);
    const reparsed = parseSdp(remote.text());
    expect(reparsed.ok).toBe(true);
  });

  it('source-remove of a remote source makes its m-line inactive', () => {
    const remote = new RemoteSdp(jingleOf('jingle/session_initiate_jicofo.xml'), '1');
    remote.addSources(jingleOf('jingle/source_add_json.xml'));
    const rm = parseJingle(parseXml("<jingle xmlns='urn:xmpp:jingle:1' action='source-remove' sid='9kd2l1qz'><json-message xmlns='http://jitsi.org/jitmeet'>{\"sources\":{\"9f8e7d6c\":[[{\"s\":4200001},{\"s\":4200002}],[[\"f\",4200001,4200002]]]}}</json-message></jingle>"));
    expect(rm.ok).toBe(true);
    if (!rm.ok) return;
    expect(remote.removeSources(rm.jingle)).toBeGreaterThan(0);
    expect(remote.sdp.media[7].direction).toBe('inactive');
    expect(remote.sdp.media[7].ssrcGroups).toEqual([]);
    expect(remote.sdp.media[6].direction).toBe('sendonly');
  });
});

describe('local answer munging', () => {
  it('adds 3-layer simulcast with RTX to the camera and names our sources like LJM', () => {
    const text = readData('sdp/firefox_answer_simulcast.sdp');
    // Start from a Chrome-style answer with one SSRC + RTX on the video m-line (no simulcast yet).
    const plain = parseSdp(text);
    expect(plain.ok).toBe(true);
    if (!plain.ok) return;
    const sd = plain.sdp;
    const video = sd.media[2];
    video.ssrcGroups = [{ semantics: 'FID', ssrcs: [111, 222] }];
    video.ssrcs = [{ ssrc: 111, attribute: 'cname', value: 'c' }, { ssrc: 111, attribute: 'msid', value: '- track-v' }, { ssrc: 222, attribute: 'cname', value: 'c' }, { ssrc: 222, attribute: 'msid', value: '- track-v' }];
    const state = new Map();
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    mungeLocalAnswer(sd, { endpointId: '1a2b3c4d', simulcast: true, simulcastState: state, random, names: false });
    const sim = video.ssrcGroups.find((g) => g.semantics === 'SIM')!;
    expect(sim.ssrcs).toHaveLength(3);
    expect(sim.ssrcs[0]).toBe(111);
    expect(video.ssrcGroups.filter((g) => g.semantics === 'FID')).toHaveLength(3);
    expect(ssrcOrder(video)).toHaveLength(6);
    expect(ssrcAttribute(video, sim.ssrcs[2], 'name')).toBeUndefined();
    // A renegotiation keeps the same simulcast SSRCs.
    const again = structuredClone(plain.sdp);
    again.media[2].ssrcGroups = [{ semantics: 'FID', ssrcs: [111, 222] }];
    again.media[2].ssrcs = video.ssrcs.filter((a) => a.ssrc === 111 || a.ssrc === 222);
    mungeLocalAnswer(again, { endpointId: '1a2b3c4d', simulcast: true, simulcastState: state, names: false });
    expect(again.media[2].ssrcGroups[0].ssrcs).toEqual(sim.ssrcs);
    // The Jingle we send names every SSRC and uses LJM's msid form.
    mungeLocalAnswer(sd, { endpointId: '1a2b3c4d', simulcast: false, simulcastState: state, videoType: 'camera' });
    const accept = sdpToJingle(sd, 'session-accept');
    const v = accept.contents[1].description!;
    expect(v.sources).toHaveLength(6);
    expect(new Set(v.sources.map((s) => s.name))).toEqual(new Set(['1a2b3c4d-v0']));
    expect(v.sources[0].msid).toBe('1a2b3c4d-video-0-1 track-v-1');
    expect(accept.contents[0].description!.sources.map((s) => s.name)).toEqual(['1a2b3c4d-a0']);
  });
});
