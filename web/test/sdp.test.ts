import { describe, expect, it } from 'vitest';
import { parseJingle, type Jingle } from '../src/jingle/jingle_model';
import { jingleToSdp, sdpToJingle, parseFmtpParameters, filterSpecialChars } from '../src/sdp/jingle_sdp';
import { meaningOfJingle, meaningOfSdp } from '../src/sdp/session_meaning';
import { parseSdp, writeSdp, ssrcOrder, ssrcAttribute, type SessionDescription } from '../src/sdp/session_description';
import { parseCandidate, candidateToString } from '../src/sdp/candidate';
import { readData, readJingleXml } from './fixtures';

function jingleOf(rel: string): Jingle {
  const r = parseJingle(readJingleXml(rel));
  if (!r.ok) throw new Error(`${rel}: ${r.error} at ${r.where}`);
  return r.jingle;
}

function sdpOf(text: string): SessionDescription {
  const r = parseSdp(text);
  if (!r.ok) throw new Error(`${r.error} at line ${r.line}`);
  return r.sdp;
}

describe('SDP text', () => {
  it('serialises the Chrome answer byte for byte', () => {
    const text = readData('sdp/chrome_answer_simulcast.sdp');
    expect(writeSdp(sdpOf(text))).toBe(text);
  });

  it('parses the Firefox answer with session-level fingerprint, rid and simulcast', () => {
    const sd = sdpOf(readData('sdp/firefox_answer_simulcast.sdp'));
    expect(sd.fingerprints).toHaveLength(1);
    expect(sd.media.map((m) => m.media)).toEqual(['audio', 'audio', 'video', 'video', 'application']);
    expect(sd.media[0].candidates[0].transport).toBe('UDP');
    expect(sd.media[0].endOfCandidates).toBe(true);
    expect(sd.media[2].rids.length).toBeGreaterThan(0);
    // writing and parsing again is a fixed point
    const again = writeSdp(sd);
    expect(writeSdp(sdpOf(again))).toBe(again);
  });

  it('rejects malformed SDP with the line number', () => {
    const r = parseSdp('v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:abc opus/48000\r\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.line).toBe(6);
    expect(parseSdp('o=- 1 2 IN IP4 0.0.0.0\r\n').ok).toBe(false);
    expect(parseSdp('v=0\r\nm=video 99999 RTP 96\r\n').ok).toBe(false);
  });

  it('round-trips candidates like the C++ candidate helper', () => {
    const c = parseCandidate('candidate:1853627410 1 udp 1686052607 198.51.100.77 54012 typ srflx raddr 192.168.1.23 rport 54012 generation 0 network-id 1');
    expect(typeof c).toBe('object');
    if (typeof c === 'string') return;
    expect(c.relPort).toBe(54012);
    expect(candidateToString(c)).toBe('1853627410 1 udp 1686052607 198.51.100.77 54012 typ srflx raddr 192.168.1.23 rport 54012 generation 0 network-id 1');
    expect(typeof parseCandidate('1 1 udp x 1.2.3.4 5 typ host')).toBe('string');
  });

  it('parses fmtp like lib-jitsi-meet and filters msid characters', () => {
    expect(parseFmtpParameters('minptime=10; useinbandfec=1;0-15')).toEqual([
      { name: 'minptime', value: '10' }, { name: 'useinbandfec', value: '1' }, { name: '', value: '0-15' },
    ]);
    expect(filterSpecialChars('{a/b}+c,d\\e')).toBe('abcde');
  });
});

describe('Jingle -> SDP (remote offer)', () => {
  const offer = jingleOf('jingle/session_initiate_jicofo.xml');

  it('explodes the jicofo offer into one m-line per remote source', () => {
    const sd = jingleToSdp(offer, { sessionId: '1735000000000' });
    expect(sd.media.map((m) => m.media)).toEqual(['audio', 'audio', 'video', 'video', 'application']);
    expect(sd.media.map((m) => m.mid)).toEqual(['0', '1', '2', '3', '4']);
    expect(sd.media.map((m) => m.direction)).toEqual(['sendrecv', 'sendonly', 'sendrecv', 'sendonly', 'sendrecv']);
    expect(ssrcOrder(sd.media[0])).toEqual([3191927963]);
    expect(ssrcAttribute(sd.media[0], 3191927963, 'msid')).toBe('mixedmslabel mixedlabelaudio0');
    expect(ssrcOrder(sd.media[1])).toEqual([333]);
    expect(ssrcOrder(sd.media[2])).toEqual([1863439907]);
    expect(ssrcOrder(sd.media[3])).toEqual([1001, 1002, 1003, 2001, 2002, 2003]);
    expect(sd.media[3].ssrcGroups).toHaveLength(4);
    expect(sd.groups).toEqual([{ semantics: 'BUNDLE', mids: ['0', '1', '2', '3', '4'] }]);
    const text = writeSdp(sd);
    expect(text.split('a=ice-ufrag:7h1f2a\r\n').length - 1).toBe(5);
    expect(text.split('a=setup:actpass\r\n').length - 1).toBe(5);
    expect(text.split('a=rtcp:1 IN IP4 0.0.0.0\r\n').length - 1).toBe(4);
    expect(text).toContain('\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 126\r\n');
    expect(text).toContain('\r\nm=video 9 UDP/TLS/RTP/SAVPF 41 100 107 101 42 96 97 99\r\n');
    expect(text).toContain('\r\na=candidate:2 1 udp 1694498815 198.51.100.20 10000 typ srflx raddr 203.0.113.5 rport 10000 generation 0\r\n');
    expect(text).toContain('\r\na=fmtp:107 profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1;\r\n');
    expect(text).toContain('\r\na=rtcp-fb:100 nack pli\r\n');
    expect(text).toContain('\r\na=ssrc-group:SIM 1001 1002 1003\r\n');
    expect(text).toContain('\r\na=ssrc:1001 msid:5e6f7a8b-video-0-1 8c4e2a1f-1\r\n');
    expect(text).toContain('\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n');
    expect(sd.media[4].sctpPort).toBe(5000);
    expect(sd.media[4].maxMessageSize).toBe(262144);
    expect(writeSdp(sdpOf(text))).toBe(text);
  });

  it('keeps content names and bridge sources first without exploding', () => {
    const sd = jingleToSdp(offer, { explodeSources: false });
    expect(sd.media.map((m) => m.mid)).toEqual(['audio', 'video', 'data']);
    expect(sd.groups[0].mids).toEqual(['audio', 'video', 'data']);
    const video = ssrcOrder(sd.media[1]);
    expect(video).toHaveLength(7);
    expect(video[0]).toBe(1863439907);
    expect(ssrcAttribute(sd.media[1], 1001, 'name')).toBe('5e6f7a8b-v0');
  });

  it('offer -> SDP -> Jingle keeps the meaning', () => {
    const before = meaningOfJingle(offer);
    const sd = sdpOf(writeSdp(jingleToSdp(offer, { explodeSources: false })));
    const back = sdpToJingle(sd, 'session-initiate', { creator: 'initiator' });
    expect(meaningOfJingle(back)).toEqual(before);
    expect(meaningOfSdp(sd)).toEqual(before);
    expect(before.media).toHaveLength(3);
    expect(Object.keys(before.media[1].sources)).toHaveLength(7);
    expect(before.media[2].sctpPort).toBe(5000);
  });

  it('rejects values SDP cannot carry with the content path', () => {
    const bad = structuredClone(offer);
    bad.contents[0].description!.payloadTypes[0].name = 'op us';
    expect(() => jingleToSdp(bad)).toThrowError(/cannot be mapped/);
    const none = structuredClone(offer);
    none.contents[1].description!.payloadTypes = [];
    try {
      jingleToSdp(none);
      expect.unreachable();
    } catch (e) {
      expect((e as { where: string }).where).toBe('jingle/content[2]');
    }
  });
});

describe.each(['chrome', 'firefox'])('%s answer SDP -> session-accept', (browser) => {
  const sd = sdpOf(readData(`sdp/${browser}_answer_simulcast.sdp`));
  const expected = jingleOf(`sdp/${browser}_answer_simulcast.jingle.xml`);

  it('matches the expected Jingle fixture', () => {
    const j = sdpToJingle(sd, 'session-accept', { initialLastN: expected.contents.find((c) => c.name === 'video')?.initialLastN });
    expect(expected.action).toBe('session-accept');
    expect(j.contents.map((c) => c.name)).toEqual(['audio', 'video', 'data']);
    // Element-level equality with the fixture (ids are the same deterministic hash as in C++).
    expect(j.contents).toEqual(expected.contents);
    expect(j.bundle).toEqual(expected.bundle);
    expect(meaningOfJingle(j)).toEqual(meaningOfSdp(sd));
  });

  it('carries simulcast groups and the endpoint source names', () => {
    const j = sdpToJingle(sd, 'session-accept');
    const video = j.contents[1].description!;
    const endpoint = video.sources[0].name.split('-')[0];
    expect(endpoint).toMatch(/^[0-9a-f]{8}$/);
    for (const s of video.sources) {
      expect(s.name).toBe(`${endpoint}-v0`);
      expect(s.msid.startsWith(`${endpoint}-video-0-1 `)).toBe(true);
      expect(s.msid).not.toMatch(/[{}]/);
    }
    expect(video.ssrcGroups.filter((g) => g.semantics === 'SIM')).toHaveLength(1);
    expect(video.ssrcGroups.filter((g) => g.semantics === 'FID').length).toBeGreaterThanOrEqual(1);
    expect(j.contents[0].description!.sources.map((s) => s.name)).toEqual([`${endpoint}-a0`]);
    for (const c of j.contents) expect(c.transport!.fingerprints[0].setup).toBe('active');
    expect(j.contents[2].transport!.sctpmap).toEqual({ number: 5000, protocol: 'webrtc-datachannel', streams: 0 });
    expect(j.contents[2].description).toBeUndefined();
  });
});
