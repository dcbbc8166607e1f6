// The Jingle model the client speaks with the focus (jitsi-protocol.md section 2): types plus
// parseJingle() (XmlElement of <jingle> -> Jingle, bounded, never throws) and buildJingle().
// Mirrors signaling/jingle/*.hpp.

import { NS } from '../xml/namespaces';
import { type XmlElement, child, children, el, uintAttr } from '../xml/xml_element';
import { type SourceMapJson, parseSourceMapJson } from './json_sources';

export const kMaxContents = 64;
export const kMaxPayloadTypes = 256;
export const kMaxHeaderExtensions = 64;
export const kMaxContentSources = 512;
export const kMaxContentSsrcGroups = 512;
export const kMaxCandidates = 128;
export const kMaxGroupSources = 32;

export type MediaType = 'audio' | 'video' | 'application';

export interface Parameter { name: string; value: string }
export interface RtcpFbJ { type: string; subtype: string }
export interface PayloadType {
  id: number; name: string; clockrate: number; channels: number;
  parameters: Parameter[]; rtcpFbs: RtcpFbJ[];
}
export interface HeaderExtension { id: number; uri: string; senders: string }
export interface Source {
  ssrc: number; name: string; videoType: string; msid: string; owner: string;
  parameters: Parameter[]; // other <parameter>s (cname, ...)
}
export interface SsrcGroup { semantics: string; ssrcs: number[] }
export interface RtpDescription {
  media: MediaType;
  payloadTypes: PayloadType[];
  headerExtensions: HeaderExtension[];
  rtcpFbs: RtcpFbJ[];
  extmapAllowMixed: boolean;
  rtcpMux: boolean;
  sources: Source[];
  ssrcGroups: SsrcGroup[];
  maxptime?: string;
}
export interface JingleCandidate {
  component: number; foundation: string; generation: number; id: string; ip: string; network: number;
  port: number; priority: number; protocol: string; type: string;
  relAddr?: string; relPort?: number; tcptype?: string;
}
export interface JingleFingerprint { hash: string; setup: string; value: string; cryptex: boolean }
export interface SctpMap { number: number; protocol: string; streams: number }
export interface Transport {
  ufrag: string; pwd: string;
  fingerprints: JingleFingerprint[];
  candidates: JingleCandidate[];
  webSockets: string[];
  sctpmap?: SctpMap;
  iceGeneration?: number;
}
export interface Content {
  creator: string; name: string; senders: string;
  description?: RtpDescription;
  transport?: Transport;
  initialLastN?: number;
}
export interface BridgeSession { id: string; region?: string; restart?: boolean; iceRestart?: boolean }
export interface Jingle {
  action: string;
  sid: string;
  initiator: string;
  responder: string;
  contents: Content[];
  bundle: string[];
  bridgeSession?: BridgeSession;
  jsonSources?: SourceMapJson;
  reason?: { condition: string; text: string };
  startMuted?: { audio: boolean; video: boolean };
}

export type JingleResult = { ok: true; jingle: Jingle } | { ok: false; error: string; where: string };

export function newDescription(media: MediaType): RtpDescription {
  return { media, payloadTypes: [], headerExtensions: [], rtcpFbs: [], extmapAllowMixed: false, rtcpMux: false, sources: [], ssrcGroups: [] };
}

export function newJingle(action: string, sid = ''): Jingle {
  return { action, sid, initiator: '', responder: '', contents: [], bundle: [] };
}

class ParseError extends Error {
  constructor(message: string, public where: string) { super(message); }
}

function need<T>(v: T | undefined, what: string, where: string): T {
  if (v === undefined) throw new ParseError(`missing or bad ${what}`, where);
  return v;
}

function parseRtcpFbs(e: XmlElement): RtcpFbJ[] {
  return children(e, 'rtcp-fb', NS.rtcpFb).slice(0, 32).map((f) => ({ type: f.attrs.type ?? '', subtype: f.attrs.subtype ?? '' }));
}

function parseSource(s: XmlElement, where: string): Source {
  const ssrc = need(uintAttr(s, 'ssrc'), 'ssrc', where);
  if (ssrc === 0) throw new ParseError('ssrc 0', where);
  const src: Source = { ssrc, name: s.attrs.name ?? '', videoType: s.attrs.videoType ?? '', msid: '', owner: '', parameters: [] };
  for (const p of children(s, 'parameter').slice(0, 32)) {
    if (p.attrs.name === 'msid') src.msid = p.attrs.value ?? '';
    else src.parameters.push({ name: p.attrs.name ?? '', value: p.attrs.value ?? '' });
  }
  const info = child(s, 'ssrc-info', NS.jitmeet);
  if (info?.attrs.owner) {
    const o = info.attrs.owner;
    const slash = o.indexOf('/');
    src.owner = slash >= 0 ? o.slice(slash + 1) : o; // LJM takes the resource of a full JID
  }
  return src;
}

function parseDescription(d: XmlElement, where: string): RtpDescription {
  const media = d.attrs.media;
  if (media !== 'audio' && media !== 'video' && media !== 'application') throw new ParseError('bad media', where);
  const out = newDescription(media);
  if (d.attrs.maxptime) out.maxptime = d.attrs.maxptime;
  const pts = children(d, 'payload-type');
  if (pts.length > kMaxPayloadTypes) throw new ParseError('too many payload types', where);
  for (const p of pts) {
    out.payloadTypes.push({
      id: need(uintAttr(p, 'id', 127), 'payload-type id', where),
      name: p.attrs.name ?? '',
      clockrate: uintAttr(p, 'clockrate') ?? 0,
      channels: uintAttr(p, 'channels', 255) ?? 1,
      parameters: children(p, 'parameter').slice(0, 64).map((x) => ({ name: x.attrs.name ?? '', value: x.attrs.value ?? '' })),
      rtcpFbs: parseRtcpFbs(p),
    });
  }
  const exts = children(d, 'rtp-hdrext', NS.hdrext);
  if (exts.length > kMaxHeaderExtensions) throw new ParseError('too many header extensions', where);
  for (const x of exts) {
    out.headerExtensions.push({ id: need(uintAttr(x, 'id', 255), 'rtp-hdrext id', where), uri: x.attrs.uri ?? '', senders: x.attrs.senders ?? '' });
  }
  out.rtcpFbs = parseRtcpFbs(d);
  out.extmapAllowMixed = child(d, 'extmap-allow-mixed', NS.hdrext) !== undefined;
  out.rtcpMux = child(d, 'rtcp-mux') !== undefined;
  const sources = children(d, 'source', NS.ssma);
  if (sources.length > kMaxContentSources) throw new ParseError('too many sources', where);
  out.sources = sources.map((s, i) => parseSource(s, `${where}/source[${i + 1}]`));
  const groups = children(d, 'ssrc-group', NS.ssma);
  if (groups.length > kMaxContentSsrcGroups) throw new ParseError('too many ssrc-groups', where);
  for (const g of groups) {
    const members = children(g, 'source');
    if (members.length > kMaxGroupSources) throw new ParseError('too many SSRCs in a group', where);
    out.ssrcGroups.push({ semantics: g.attrs.semantics ?? '', ssrcs: members.map((m) => need(uintAttr(m, 'ssrc'), 'group ssrc', where)) });
  }
  return out;
}

function parseTransport(t: XmlElement, where: string): Transport {
  const out: Transport = { ufrag: t.attrs.ufrag ?? '', pwd: t.attrs.pwd ?? '', fingerprints: [], candidates: [], webSockets: [] };
  const gen = uintAttr(t, 'ice-generation');
  if (gen !== undefined) out.iceGeneration = gen;
  for (const f of children(t, 'fingerprint', NS.dtls).slice(0, 8)) {
    out.fingerprints.push({ hash: f.attrs.hash ?? '', setup: f.attrs.setup ?? '', value: f.text.trim(), cryptex: f.attrs.cryptex === 'true' });
  }
  const cands = children(t, 'candidate');
  if (cands.length > kMaxCandidates) throw new ParseError('too many candidates', where);
  for (const c of cands) {
    const jc: JingleCandidate = {
      component: need(uintAttr(c, 'component', 255), 'candidate component', where),
      foundation: c.attrs.foundation ?? '',
      generation: uintAttr(c, 'generation') ?? 0,
      id: c.attrs.id ?? '',
      ip: need(c.attrs.ip, 'candidate ip', where),
      network: uintAttr(c, 'network') ?? 0,
      port: need(uintAttr(c, 'port', 65535), 'candidate port', where),
      priority: need(uintAttr(c, 'priority'), 'candidate priority', where),
      protocol: c.attrs.protocol ?? 'udp',
      type: c.attrs.type ?? 'host',
    };
    if (c.attrs['rel-addr'] !== undefined) jc.relAddr = c.attrs['rel-addr'];
    const rp = uintAttr(c, 'rel-port', 65535);
    if (rp !== undefined) jc.relPort = rp;
    if (c.attrs.tcptype !== undefined) jc.tcptype = c.attrs.tcptype;
    out.candidates.push(jc);
  }
  for (const w of children(t, 'web-socket', NS.colibri).slice(0, 8)) if (w.attrs.url) out.webSockets.push(w.attrs.url);
  const sm = child(t, 'sctpmap', NS.sctp);
  if (sm) {
    out.sctpmap = {
      number: need(uintAttr(sm, 'number', 65535), 'sctpmap number', where),
      protocol: sm.attrs.protocol ?? 'webrtc-datachannel',
      streams: uintAttr(sm, 'streams') ?? 0,
    };
  }
  return out;
}

/** Parses the <jingle> element of a Jingle IQ. */
export function parseJingle(j: XmlElement): JingleResult {
  try {
    if (j.name !== 'jingle' || j.ns !== NS.jingle) throw new ParseError('not a jingle element', 'jingle');
    const out = newJingle(j.attrs.action ?? '', j.attrs.sid ?? '');
    out.initiator = j.attrs.initiator ?? '';
    out.responder = j.attrs.responder ?? '';
    const contents = children(j, 'content');
    if (contents.length > kMaxContents) throw new ParseError('too many contents', 'jingle');
    contents.forEach((c, i) => {
      const where = `jingle/content[${i + 1}]`;
      const content: Content = { creator: c.attrs.creator ?? '', name: c.attrs.name ?? '', senders: c.attrs.senders ?? '' };
      const d = child(c, 'description', NS.rtp);
      if (d) content.description = parseDescription(d, where);
      const t = child(c, 'transport', NS.ice);
      if (t) content.transport = parseTransport(t, where);
      const lastN = child(c, 'initial-last-n', NS.colibri2);
      if (lastN && /^-?\d{1,9}$/.test(lastN.attrs.value ?? '')) content.initialLastN = Number(lastN.attrs.value);
      out.contents.push(content);
    });
    const group = children(j, 'group', NS.grouping).find((g) => g.attrs.semantics === 'BUNDLE');
    if (group) out.bundle = children(group, 'content').slice(0, kMaxContents).map((c) => c.attrs.name ?? '');
    const bs = child(j, 'bridge-session', NS.focus);
    if (bs) {
      out.bridgeSession = { id: bs.attrs.id ?? '' };
      if (bs.attrs.region) out.bridgeSession.region = bs.attrs.region;
      if (bs.attrs.restart !== undefined) out.bridgeSession.restart = bs.attrs.restart === 'true';
      if (bs.attrs['ice-restart'] !== undefined) out.bridgeSession.iceRestart = bs.attrs['ice-restart'] === 'true';
    }
    const jm = child(j, 'json-message', NS.jitmeet);
    if (jm) {
      const r = parseSourceMapJson(jm.text);
      if (!r.ok) throw new ParseError(r.error, 'jingle/json-message' + (r.where ? '/' + r.where : ''));
      out.jsonSources = r.map;
    }
    const reason = child(j, 'reason');
    if (reason) {
      const cond = reason.children.find((c) => c.name !== 'text');
      out.reason = { condition: cond?.name ?? '', text: child(reason, 'text')?.text ?? '' };
    }
    const sm = child(j, 'startmuted', 'http://jitsi.org/jitmeet/start-muted');
    if (sm) out.startMuted = { audio: sm.attrs.audio === 'true', video: sm.attrs.video === 'true' };
    return { ok: true, jingle: out };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message, where: e.where };
    return { ok: false, error: String(e), where: 'jingle' };
  }
}

function buildRtcpFbs(fbs: RtcpFbJ[]): XmlElement[] {
  return fbs.map((f) => el('rtcp-fb', { xmlns: NS.rtcpFb, type: f.type, subtype: f.subtype || undefined }));
}

export function buildSource(s: Source, withOwner = false): XmlElement {
  return el('source', { xmlns: NS.ssma, ssrc: s.ssrc, name: s.name || undefined, videoType: s.videoType || undefined }, [
    ...(withOwner && s.owner ? [el('ssrc-info', { xmlns: NS.jitmeet, owner: s.owner })] : []),
    ...(s.msid ? [el('parameter', { name: 'msid', value: s.msid })] : []),
    ...s.parameters.map((p) => el('parameter', { name: p.name, value: p.value })),
  ]);
}

export function buildDescription(d: RtpDescription): XmlElement {
  return el('description', { xmlns: NS.rtp, media: d.media, maxptime: d.maxptime }, [
    ...d.payloadTypes.map((p) =>
      el('payload-type', { id: p.id, name: p.name, clockrate: p.clockrate || undefined, channels: p.channels !== 1 ? p.channels : undefined }, [
        ...p.parameters.map((x) => el('parameter', { name: x.name, value: x.value })),
        ...buildRtcpFbs(p.rtcpFbs),
      ])),
    ...buildRtcpFbs(d.rtcpFbs),
    ...d.headerExtensions.map((h) => el('rtp-hdrext', { xmlns: NS.hdrext, id: h.id, uri: h.uri, senders: h.senders || undefined })),
    d.extmapAllowMixed && el('extmap-allow-mixed', { xmlns: NS.hdrext }),
    ...d.sources.map((s) => buildSource(s)),
    ...d.ssrcGroups.map((g) => el('ssrc-group', { xmlns: NS.ssma, semantics: g.semantics }, g.ssrcs.map((s) => el('source', { ssrc: s })))),
    d.rtcpMux && el('rtcp-mux'),
  ]);
}

export function buildTransport(t: Transport): XmlElement {
  return el('transport', { xmlns: NS.ice, ufrag: t.ufrag || undefined, pwd: t.pwd || undefined, 'ice-generation': t.iceGeneration }, [
    ...t.fingerprints.map((f) => el('fingerprint', { xmlns: NS.dtls, hash: f.hash, setup: f.setup || undefined, cryptex: f.cryptex ? 'true' : undefined }, [f.value])),
    ...t.candidates.map((c) => el('candidate', {
      component: c.component, foundation: c.foundation, generation: c.generation, id: c.id, ip: c.ip, network: c.network,
      port: c.port, priority: c.priority, protocol: c.protocol, type: c.type,
      'rel-addr': c.relAddr, 'rel-port': c.relPort, tcptype: c.tcptype,
    })),
    ...t.webSockets.map((u) => el('web-socket', { xmlns: NS.colibri, url: u })),
    t.sctpmap && el('sctpmap', { xmlns: NS.sctp, number: t.sctpmap.number, protocol: t.sctpmap.protocol, streams: t.sctpmap.streams }),
  ]);
}

/** Builds the <jingle> element (contents, BUNDLE group, bridge-session, reason). */
export function buildJingle(j: Jingle): XmlElement {
  return el('jingle', { xmlns: NS.jingle, action: j.action, initiator: j.initiator || undefined, responder: j.responder || undefined, sid: j.sid }, [
    ...j.contents.map((c) =>
      el('content', { creator: c.creator || undefined, name: c.name, senders: c.senders || undefined }, [
        c.description && buildDescription(c.description),
        c.transport && buildTransport(c.transport),
        c.initialLastN !== undefined && el('initial-last-n', { xmlns: NS.colibri2, value: c.initialLastN }),
      ])),
    j.bundle.length > 0 && el('group', { xmlns: NS.grouping, semantics: 'BUNDLE' }, j.bundle.map((n) => el('content', { name: n }))),
    j.reason && el('reason', {}, [el(j.reason.condition), j.reason.text ? el('text', {}, [j.reason.text]) : null]),
    j.bridgeSession && el('bridge-session', {
      xmlns: NS.focus, id: j.bridgeSession.id, region: j.bridgeSession.region,
      restart: j.bridgeSession.restart === undefined ? undefined : String(j.bridgeSession.restart),
      'ice-restart': j.bridgeSession.iceRestart ? 'true' : undefined,
    }),
  ]);
}
