// Jingle <-> SDP as lib-jitsi-meet maps it for a JVB session (jitsi-protocol.md 2.3, 2.5, 2.8);
// the TypeScript twin of signaling/sdp/jingle_sdp.hpp, so the browser and the C++ side agree.
//  * jingleToSdp: the focus's offer as the remote SDP given to the RTCPeerConnection, exploded
//    into one m-line per remote source (SSRC plus everything grouped with it) with numeric mids.
//  * sdpToJingle: the browser's answer as session-accept contents, or the sources of a
//    source-add / source-remove.

import type { Content, Jingle, JingleCandidate, MediaType, Parameter, RtpDescription, Source, Transport } from '../jingle/jingle_model';
import { newDescription, newJingle } from '../jingle/jingle_model';
import { expandSourceMap } from '../jingle/json_sources';
import type { Candidate } from './candidate';
import { candidateToString } from './candidate';
import {
  type Direction, type MediaDescription, type SessionDescription, kMaxMediaSections, newMedia, newSession, ssrcAttribute, ssrcOrder,
} from './session_description';

export const kLjmMaxMessageSize = 262144;
const kMixedLabel = 'mixedmslabel';

export class MappingError extends Error {
  constructor(message: string, public where: string) { super(message); }
}

export interface JingleToSdpOptions {
  /** One m-line per remote source, first of each media sendrecv, others sendonly, mids 0..N-1. */
  explodeSources?: boolean;
  sessionId?: string;
  /** Also write a=ssrc name:/videoType: lines so the mapping back recovers them. */
  includeSourceNames?: boolean;
}

export function directionFromSenders(senders: string): Direction {
  return senders === 'both' ? 'sendrecv' : senders === 'initiator' ? 'sendonly' : senders === 'responder' ? 'recvonly' : senders === 'none' ? 'inactive' : '';
}

export function sendersFromDirection(d: Direction): string {
  return d === 'sendrecv' ? 'both' : d === 'sendonly' ? 'initiator' : d === 'recvonly' ? 'responder' : d === 'inactive' ? 'none' : '';
}

function extmapDirectionFromSenders(s: string): Direction {
  return s === 'responder' ? 'sendonly' : s === 'initiator' ? 'recvonly' : s === 'none' ? 'inactive' : '';
}

function sendersFromExtmapDirection(d: Direction): string {
  return d === 'sendonly' ? 'responder' : d === 'recvonly' ? 'initiator' : d === 'sendrecv' ? 'both' : d === 'inactive' ? 'none' : '';
}

/** lib-jitsi-meet's filterSpecialChars (applied to msid values). */
export function filterSpecialChars(s: string): string {
  return s.replace(/[\\/{,}+]/g, '');
}

/** lib-jitsi-meet's parseFmtp: "a=1;b=2;0-15" -> {a,1} {b,2} {"",0-15}. */
export function parseFmtpParameters(text: string): Parameter[] {
  const out: Parameter[] = [];
  for (const raw of text.split(';')) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (key && value) out.push({ name: key, value });
    else if (key) out.push({ name: '', value: key });
  }
  return out;
}

export function fmtpFromParameters(ps: Parameter[]): string {
  return ps.map((p) => (p.name ? `${p.name}=${p.value}` : p.value)).join(';');
}

// eslint-disable-next-line no-control-regex
const kControl = /[\x00-\x1f\x7f]/;

function token(v: string, what: string, where: string): string {
  if (!v || v.length > 2048 || kControl.test(v) || v.includes(' ')) throw new MappingError(`${what} '${v.slice(0, 40)}' cannot be mapped`, where);
  return v;
}

function text(v: string, what: string, where: string): string {
  if (v.length > 2048 || kControl.test(v)) throw new MappingError(`${what} cannot be mapped`, where);
  return v;
}

function isData(c: Content): boolean {
  return c.transport?.sctpmap !== undefined || c.description?.media === 'application';
}

function rank(c: Content): number {
  return isData(c) ? 2 : c.description?.media === 'video' ? 1 : 0;
}

function candidateToSdp(c: JingleCandidate, where: string): Candidate {
  if (!/^[A-Za-z0-9+/]{1,32}$/.test(c.foundation)) throw new MappingError(`candidate foundation '${c.foundation}'`, where);
  const out: Candidate = {
    foundation: c.foundation, component: c.component, transport: token(c.protocol, 'protocol', where), priority: c.priority,
    address: token(c.ip, 'ip', where), port: c.port, type: token(c.type, 'type', where), generation: c.generation, extensions: [],
  };
  if ((c.type === 'srflx' || c.type === 'prflx' || c.type === 'relay') && c.relAddr && c.relPort !== undefined) {
    out.relAddr = token(c.relAddr, 'rel-addr', where);
    out.relPort = c.relPort;
  }
  if (c.protocol.toLowerCase() === 'tcp' && c.tcptype) out.tcptype = token(c.tcptype, 'tcptype', where);
  return out;
}

function transportToSdp(t: Transport, m: MediaDescription, where: string): void {
  if (t.ufrag) m.iceUfrag = text(t.ufrag, 'ufrag', where);
  if (t.pwd) m.icePwd = text(t.pwd, 'pwd', where);
  for (const f of t.fingerprints) {
    m.fingerprints.push({ hash: token(f.hash, 'fingerprint hash', where), value: token(f.value, 'fingerprint', where) });
    if (f.setup) {
      if (!['actpass', 'active', 'passive', 'holdconn'].includes(f.setup)) throw new MappingError(`setup '${f.setup}'`, where);
      m.setup = f.setup;
    }
  }
  for (const c of t.candidates) m.candidates.push(candidateToSdp(c, where));
}

function sourceToSdp(s: Source, m: MediaDescription, opts: JingleToSdpOptions, where: string): void {
  const add = (attribute: string, value: string | undefined) => {
    token(attribute, 'source parameter', where);
    if (attribute.includes(':')) throw new MappingError(`source parameter '${attribute}'`, where);
    if (value !== undefined) text(value, `source parameter ${attribute}`, where);
    m.ssrcs.push({ ssrc: s.ssrc, attribute, ...(value !== undefined ? { value } : {}) });
  };
  const val = (v: string) => { const f = filterSpecialChars(v); return f === '' ? undefined : f; };
  for (const p of s.parameters) if (p.name === 'cname') add(p.name, val(p.value));
  if (s.msid) add('msid', val(s.msid));
  if (opts.includeSourceNames !== false) {
    if (s.name) add('name', s.name);
    if (s.videoType) add('videoType', s.videoType);
  }
  for (const p of s.parameters) if (p.name !== 'cname' && p.name !== 'msid') add(p.name, val(p.value));
}

function descriptionToSdp(d: RtpDescription, m: MediaDescription, opts: JingleToSdpOptions, where: string): void {
  m.rtcpMux = d.rtcpMux;
  for (const pt of d.payloadTypes) {
    const id = String(pt.id);
    if (pt.name.includes('/')) throw new MappingError(`payload-type name '${pt.name}'`, where);
    token(pt.name, 'payload-type name', where);
    m.rtpmaps.push({ payloadType: pt.id, encoding: pt.name, clockRate: pt.clockrate, ...(pt.channels !== 1 ? { channels: pt.channels } : {}) });
    if (pt.parameters.length) m.fmtps.push({ format: id, parameters: text(fmtpFromParameters(pt.parameters), 'fmtp', where) });
    for (const fb of pt.rtcpFbs) m.rtcpFbs.push({ format: id, type: token(fb.type, 'rtcp-fb', where), parameters: text(fb.subtype, 'rtcp-fb', where) });
  }
  for (const fb of d.rtcpFbs) m.rtcpFbs.push({ format: '*', type: token(fb.type, 'rtcp-fb', where), parameters: text(fb.subtype, 'rtcp-fb', where) });
  for (const e of d.headerExtensions) {
    if (e.id === 0) throw new MappingError('rtp-hdrext id 0', where);
    m.extmaps.push({ id: e.id, direction: extmapDirectionFromSenders(e.senders), uri: token(e.uri, 'rtp-hdrext uri', where), attributes: '' });
  }
  m.extmapAllowMixed = d.extmapAllowMixed;
  for (const g of d.ssrcGroups) {
    if (!g.ssrcs.length) continue;
    m.ssrcGroups.push({ semantics: token(g.semantics, 'ssrc-group semantics', where), ssrcs: [...g.ssrcs] });
  }
  // The bridge's own sources (msid "mixedmslabel ...") first, as LJM does.
  for (const pass of [true, false]) {
    for (const s of d.sources) if (s.msid.includes(kMixedLabel) === pass) sourceToSdp(s, m, opts, where);
  }
}

function contentToSdp(c: Content, opts: JingleToSdpOptions, where: string): MediaDescription {
  const t = c.transport;
  let m: MediaDescription;
  if (t?.sctpmap) {
    m = newMedia('application');
    m.proto = 'UDP/DTLS/SCTP';
    m.formats = ['webrtc-datachannel'];
    m.sctpPort = t.sctpmap.number;
    m.maxMessageSize = kLjmMaxMessageSize;
  } else {
    if (!c.description) throw new MappingError('content has neither a description nor an sctpmap', where);
    if (!c.description.payloadTypes.length) throw new MappingError('RTP content without payload types', where);
    m = newMedia(c.description.media);
    m.formats = c.description.payloadTypes.map((p) => String(p.id));
    m.rtcp = '1 IN IP4 0.0.0.0';
  }
  m.port = c.senders === 'rejected' ? 0 : 9;
  m.connection = 'IN IP4 0.0.0.0';
  if (t) transportToSdp(t, m, where);
  m.direction = directionFromSenders(c.senders);
  m.mid = token(c.name, 'content name', where);
  if (c.description && !t?.sctpmap) descriptionToSdp(c.description, m, opts, where);
  return m;
}

/** 2.8: one m-line per remote SSRC together with everything grouped with it; numeric mids. */
export function explode(sd: SessionDescription): void {
  const out: MediaDescription[] = [];
  const placed = new Set<number>();
  const push = (m: MediaDescription) => {
    if (out.length >= kMaxMediaSections) throw new MappingError('too many m-lines', 'sdp');
    m.mid = String(out.length);
    out.push(m);
  };
  for (const m of sd.media) {
    if (m.media === 'application' || m.ssrcs.length === 0) {
      push(m);
      continue;
    }
    const base: MediaDescription = { ...m, ssrcs: [], ssrcGroups: [], bundleOnly: false };
    let first = true;
    for (const ssrc of ssrcOrder(m)) {
      if (placed.has(ssrc)) continue;
      const members = [ssrc];
      for (let grew = true; grew;) {
        grew = false;
        for (const g of m.ssrcGroups) {
          if (!g.ssrcs.some((s) => members.includes(s))) continue;
          for (const s of g.ssrcs) {
            if (!members.includes(s) && !placed.has(s)) { members.push(s); grew = true; }
          }
        }
      }
      const n: MediaDescription = structuredClone(base);
      n.direction = first ? 'sendrecv' : 'sendonly';
      first = false;
      for (const s of members) {
        placed.add(s);
        n.ssrcs.push(...m.ssrcs.filter((a) => a.ssrc === s).map((a) => ({ ...a })));
      }
      n.ssrcGroups = m.ssrcGroups.filter((g) => g.ssrcs.every((s) => members.includes(s))).map((g) => ({ ...g, ssrcs: [...g.ssrcs] }));
      push(n);
    }
  }
  sd.media = out;
}

/** Contents with the json-message sources merged into the first audio/video content. */
export function contentsWithJsonSources(j: Jingle): Content[] {
  const contents: Content[] = structuredClone(j.contents);
  if (!j.jsonSources) return contents;
  for (const media of ['audio', 'video'] as MediaType[]) {
    const { sources, groups } = expandSourceMap(j.jsonSources, media);
    if (!sources.length && !groups.length) continue;
    let c = contents.find((x) => x.description?.media === media && !isData(x));
    if (!c) {
      // LJM creates the content when it is missing (source-add with JSON only).
      c = { creator: '', name: media, senders: '', description: newDescription(media) };
      contents.push(c);
    }
    c.description!.sources.push(...structuredClone(sources));
    c.description!.ssrcGroups.push(...structuredClone(groups));
  }
  return contents;
}

/** The focus's offer as the remote SDP. Throws MappingError (message + where) on values SDP cannot carry. */
export function jingleToSdp(offer: Jingle, opts: JingleToSdpOptions = {}): SessionDescription {
  const explodeSources = opts.explodeSources !== false;
  const contents = contentsWithJsonSources(offer).map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
  const sd = newSession();
  sd.origin = `- ${token(opts.sessionId ?? '0', 'session id', 'o=')} 2 IN IP4 0.0.0.0`;
  if (contents.length > kMaxMediaSections) throw new MappingError('too many contents', 'jingle');
  contents.forEach((c, i) => {
    for (const f of c.transport?.fingerprints ?? []) sd.cryptex = sd.cryptex || f.cryptex;
    sd.media.push(contentToSdp(c, opts, `jingle/content[${i + 1}]`));
  });
  if (explodeSources) {
    explode(sd);
    if (offer.bundle.length) sd.groups.push({ semantics: 'BUNDLE', mids: sd.media.map((m) => m.mid) });
    sd.origin = sd.origin.replace(/ 2 IN /, ' 3 IN ');
  } else if (offer.bundle.length) {
    sd.groups.push({ semantics: 'BUNDLE', mids: offer.bundle.map((n) => token(n, 'bundle content name', 'jingle/group')) });
  }
  sd.msidSemantic = ' WMS *';
  return sd;
}

function sourcesToJingle(m: MediaDescription, d: RtpDescription, where: string): void {
  for (const ssrc of ssrcOrder(m)) {
    if (ssrc === 0) throw new MappingError('SSRC 0', where);
    d.sources.push({
      ssrc,
      name: ssrcAttribute(m, ssrc, 'name') ?? '',
      videoType: m.media === 'video' ? ssrcAttribute(m, ssrc, 'videoType') ?? '' : '',
      msid: filterSpecialChars(ssrcAttribute(m, ssrc, 'msid') ?? ''),
      owner: '',
      parameters: [],
    });
  }
  for (const g of m.ssrcGroups) if (g.ssrcs.length) d.ssrcGroups.push({ semantics: g.semantics, ssrcs: [...g.ssrcs] });
}

function candidateId(c: Candidate): string {
  // Deterministic stand-in for LJM's random id: FNV-1a-style (64 bit) hash of the candidate line, base 36.
  let h = 1469598103934665603n; // the same (truncated) offset basis as the C++ CandidateId
  for (const ch of new TextEncoder().encode(candidateToString(c))) {
    h ^= BigInt(ch);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz';
  let id = '';
  for (let i = 0; i < 10; i++) {
    id += digits[Number(h % 36n)];
    h /= 36n;
  }
  return id;
}

export function candidateToJingle(c: Candidate): JingleCandidate {
  const out: JingleCandidate = {
    component: c.component, foundation: c.foundation, generation: c.generation ?? 0, id: candidateId(c), ip: c.address,
    network: 1, port: c.port, priority: c.priority, protocol: c.transport.toLowerCase(), type: c.type,
  };
  if (c.relAddr !== undefined) out.relAddr = c.relAddr;
  if (c.relPort !== undefined) out.relPort = c.relPort;
  if (c.tcptype !== undefined) out.tcptype = c.tcptype;
  return out;
}

function transportToJingle(sd: SessionDescription, m: MediaDescription): Transport {
  const t: Transport = { ufrag: '', pwd: '', fingerprints: [], candidates: [], webSockets: [] };
  if (m.sctpPort !== undefined) t.sctpmap = { number: m.sctpPort, protocol: 'webrtc-datachannel', streams: 0 };
  const fps = m.fingerprints.length ? m.fingerprints : sd.fingerprints;
  const setup = m.setup || sd.setup;
  const cryptex = sd.cryptex || m.attributes.includes('cryptex');
  for (const f of fps) t.fingerprints.push({ hash: f.hash, setup, value: f.value, cryptex });
  const ufrag = m.iceUfrag || sd.iceUfrag;
  const pwd = m.icePwd || sd.icePwd;
  if (ufrag && pwd) {
    t.ufrag = ufrag;
    t.pwd = pwd;
    t.candidates = m.candidates.map(candidateToJingle);
  }
  return t;
}

function descriptionToJingle(sd: SessionDescription, m: MediaDescription, media: MediaType, withSources: boolean, where: string): RtpDescription {
  const d = newDescription(media);
  for (const format of m.formats) {
    if (!/^\d{1,3}$/.test(format)) continue;
    const r = m.rtpmaps.find((x) => x.payloadType === Number(format));
    if (!r) continue;
    const f = m.fmtps.find((x) => x.format === format);
    d.payloadTypes.push({
      id: r.payloadType, name: r.encoding, clockrate: r.clockRate, channels: r.channels ?? 1,
      parameters: f ? parseFmtpParameters(f.parameters) : [],
      rtcpFbs: m.rtcpFbs.filter((fb) => fb.format === format && fb.type !== 'trr-int').map((fb) => ({ type: fb.type, subtype: fb.parameters.split(' ')[0] ?? '' })),
    });
  }
  if (withSources) sourcesToJingle(m, d, where);
  d.rtcpMux = m.rtcpMux;
  d.rtcpFbs = m.rtcpFbs.filter((fb) => fb.format === '*' && fb.type !== 'trr-int').map((fb) => ({ type: fb.type, subtype: fb.parameters.split(' ')[0] ?? '' }));
  d.headerExtensions = (m.extmaps.length ? m.extmaps : sd.extmaps).map((e) => ({ id: e.id, uri: e.uri, senders: sendersFromExtmapDirection(e.direction) }));
  d.extmapAllowMixed = m.extmapAllowMixed || sd.extmapAllowMixed;
  return d;
}

export interface SdpToJingleOptions { initialLastN?: number; creator?: string }

/** The answer as Jingle (action, contents, bundle). Recvonly m-lines contribute no sources. */
export function sdpToJingle(answer: SessionDescription, action: string, opts: SdpToJingleOptions = {}): Jingle {
  const j = newJingle(action);
  const sourcesOnly = action === 'source-add' || action === 'source-remove';
  answer.media.forEach((m, i) => {
    const where = `m-line[${i + 1}]`;
    if (m.media !== 'audio' && m.media !== 'video' && m.media !== 'application') return;
    const media = m.media as MediaType;
    const name = media === 'application' ? 'data' : media;
    const withSources = media !== 'application' && m.ssrcs.length > 0 && m.direction !== 'recvonly';
    const existing = j.contents.find((c) => c.name === name);
    if (existing) {
      if (withSources) {
        existing.description ??= newDescription(media);
        sourcesToJingle(m, existing.description, where);
      }
      return;
    }
    if (sourcesOnly) {
      if (!withSources) return;
      const d = newDescription(media);
      sourcesToJingle(m, d, where);
      j.contents.push({ creator: '', name, senders: '', description: d });
      return;
    }
    const c: Content = { creator: opts.creator ?? 'responder', name, senders: sendersFromDirection(m.direction) };
    if (media !== 'application') c.description = descriptionToJingle(answer, m, media, withSources, where);
    c.transport = transportToJingle(answer, m);
    if (m.port === 0 && !m.bundleOnly) c.senders = 'rejected';
    if (media === 'video' && opts.initialLastN !== undefined) c.initialLastN = opts.initialLastN;
    j.contents.push(c);
  });
  if (!sourcesOnly && answer.groups.some((g) => g.semantics === 'BUNDLE')) j.bundle = j.contents.map((c) => c.name);
  return j;
}
