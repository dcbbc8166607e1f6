// SDP (RFC 8866) with the attributes WebRTC browsers and lib-jitsi-meet use; the TypeScript twin
// of signaling/sdp/session_description.hpp. parseSdp() takes untrusted text (CRLF or LF) and
// returns { ok: false, error, line } instead of throwing; writeSdp() emits CRLF text in the same
// Chrome-like attribute order as the C++ ToString, so a Chrome answer serialises byte for byte.

import { type Candidate, candidateToString, parseCandidate } from './candidate';

export const kMaxSdpBytes = 1024 * 1024;
export const kMaxLines = 32768;
export const kMaxLineLength = 8192;
export const kMaxMediaSections = 512;

export type Direction = '' | 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface Fingerprint { hash: string; value: string }
export interface RtpMap { payloadType: number; encoding: string; clockRate: number; channels?: number }
export interface Fmtp { format: string; parameters: string }
export interface RtcpFb { format: string; type: string; parameters: string }
export interface ExtMap { id: number; direction: Direction; uri: string; attributes: string }
export interface SsrcAttribute { ssrc: number; attribute: string; value?: string }
export interface SsrcGroup { semantics: string; ssrcs: number[] }
export interface Group { semantics: string; mids: string[] }

export interface MediaDescription {
  media: string;
  port: number;
  portCount?: number;
  proto: string;
  formats: string[];
  connection?: string;
  lines: string[]; // other line types ("b=AS:30"), in order
  mid: string;
  iceUfrag: string;
  icePwd: string;
  iceOptions: string;
  fingerprints: Fingerprint[];
  setup: string;
  candidates: Candidate[];
  endOfCandidates: boolean;
  direction: Direction;
  rtcp?: string;
  rtcpMux: boolean;
  rtcpMuxOnly: boolean;
  rtcpRsize: boolean;
  bundleOnly: boolean;
  rtpmaps: RtpMap[];
  fmtps: Fmtp[];
  rtcpFbs: RtcpFb[];
  extmaps: ExtMap[];
  extmapAllowMixed: boolean;
  msids: string[];
  rids: string[]; // a=rid values
  simulcast?: string;
  ssrcs: SsrcAttribute[];
  ssrcGroups: SsrcGroup[];
  sctpPort?: number;
  maxMessageSize?: number;
  attributes: string[]; // unknown a= lines (without "a="), in order
}

export interface SessionDescription {
  origin: string; // o= value
  sessionName: string;
  timing: string;
  connection?: string;
  lines: string[];
  groups: Group[];
  msidSemantic?: string; // value after "msid-semantic:" (e.g. " WMS *")
  extmapAllowMixed: boolean;
  iceLite: boolean;
  cryptex: boolean;
  iceOptions: string;
  iceUfrag: string;
  icePwd: string;
  fingerprints: Fingerprint[];
  setup: string;
  extmaps: ExtMap[];
  attributes: string[];
  media: MediaDescription[];
}

export type ParseResult = { ok: true; sdp: SessionDescription } | { ok: false; error: string; line: number };

export function newMedia(media: string): MediaDescription {
  return {
    media, port: 9, proto: 'UDP/TLS/RTP/SAVPF', formats: [], lines: [], mid: '', iceUfrag: '', icePwd: '',
    iceOptions: '', fingerprints: [], setup: '', candidates: [], endOfCandidates: false, direction: '',
    rtcpMux: false, rtcpMuxOnly: false, rtcpRsize: false, bundleOnly: false, rtpmaps: [], fmtps: [],
    rtcpFbs: [], extmaps: [], extmapAllowMixed: false, msids: [], rids: [], ssrcs: [], ssrcGroups: [],
    attributes: [],
  };
}

export function newSession(): SessionDescription {
  return {
    origin: '- 0 2 IN IP4 0.0.0.0', sessionName: '-', timing: '0 0', lines: [], groups: [],
    extmapAllowMixed: false, iceLite: false, cryptex: false, iceOptions: '', iceUfrag: '', icePwd: '',
    fingerprints: [], setup: '', extmaps: [], attributes: [], media: [],
  };
}

const kDirections = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

function uint(s: string | undefined, max: number): number | undefined {
  if (s === undefined || !/^\d{1,20}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= max ? n : undefined;
}

function parseExtmap(v: string): ExtMap | undefined {
  const m = /^(\d{1,3})(?:\/(\w+))?\s+(\S+)(?:\s+(.*))?$/.exec(v);
  if (!m) return undefined;
  const id = Number(m[1]);
  if (id < 1 || id > 255) return undefined;
  const dir = m[2] ?? '';
  if (dir !== '' && !kDirections.has(dir)) return undefined;
  return { id, direction: dir as Direction, uri: m[3], attributes: m[4] ?? '' };
}

function extmapToString(e: ExtMap): string {
  return `${e.id}${e.direction ? '/' + e.direction : ''} ${e.uri}${e.attributes ? ' ' + e.attributes : ''}`;
}

function parseFingerprint(v: string): Fingerprint | undefined {
  const p = v.trim().split(/\s+/);
  return p.length === 2 ? { hash: p[0], value: p[1] } : undefined;
}

/** Parses SDP text; never throws. */
export function parseSdp(text: string): ParseResult {
  if (text.length > kMaxSdpBytes) return { ok: false, error: 'sdp too large', line: 0 };
  const rawLines = text.split(/\r?\n/);
  if (rawLines.length > kMaxLines + 1) return { ok: false, error: 'too many lines', line: 0 };
  const sd = newSession();
  let m: MediaDescription | undefined;
  let sawVersion = false;
  for (let i = 0; i < rawLines.length; i++) {
    const line = rawLines[i];
    const n = i + 1;
    const fail = (error: string): ParseResult => ({ ok: false, error, line: n });
    if (line === '') continue;
    if (line.length > kMaxLineLength) return fail('line too long');
    if (line.length < 2 || line[1] !== '=') return fail('not a <type>=<value> line');
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(line)) return fail('control character');
    const type = line[0];
    const value = line.slice(2);
    if (!sawVersion) {
      if (type !== 'v') return fail('first line must be v=');
      if (value !== '0') return fail('unsupported version');
      sawVersion = true;
      continue;
    }
    if (type === 'm') {
      const p = value.split(' ');
      if (p.length < 3) return fail('bad m-line');
      const pm = /^(\d{1,5})(?:\/(\d{1,5}))?$/.exec(p[1]);
      if (!pm || Number(pm[1]) > 65535) return fail('bad m-line port');
      if (sd.media.length >= kMaxMediaSections) return fail('too many m-lines');
      m = newMedia(p[0]);
      m.port = Number(pm[1]);
      if (pm[2] !== undefined) m.portCount = Number(pm[2]);
      m.proto = p[2];
      m.formats = p.slice(3).filter((f) => f !== '');
      if (m.formats.length > 256) return fail('too many formats');
      sd.media.push(m);
      continue;
    }
    if (type !== 'a') {
      if (!m && type === 'o') sd.origin = value;
      else if (!m && type === 's') sd.sessionName = value;
      else if (!m && type === 't') sd.timing = value;
      else if (type === 'c') {
        if (m) m.connection = value;
        else sd.connection = value;
      } else if (m) m.lines.push(line);
      else sd.lines.push(line);
      continue;
    }
    const colon = value.indexOf(':');
    const name = colon < 0 ? value : value.slice(0, colon);
    const v = colon < 0 ? undefined : value.slice(colon + 1);
    const err = m ? parseMediaAttribute(m, name, v, value) : parseSessionAttribute(sd, name, v, value);
    if (err) return fail(err);
  }
  if (!sawVersion) return { ok: false, error: 'missing v=', line: 0 };
  return { ok: true, sdp: sd };
}

function parseSessionAttribute(sd: SessionDescription, name: string, v: string | undefined, raw: string): string | undefined {
  switch (name) {
    case 'group': {
      const p = (v ?? '').trim().split(/\s+/);
      if (!p[0]) return 'bad group';
      sd.groups.push({ semantics: p[0], mids: p.slice(1) });
      return;
    }
    case 'msid-semantic': sd.msidSemantic = v ?? ''; return;
    case 'extmap-allow-mixed': sd.extmapAllowMixed = true; return;
    case 'ice-lite': sd.iceLite = true; return;
    case 'cryptex': sd.cryptex = true; return;
    case 'ice-options': sd.iceOptions = v ?? ''; return;
    case 'ice-ufrag': sd.iceUfrag = v ?? ''; return;
    case 'ice-pwd': sd.icePwd = v ?? ''; return;
    case 'setup': sd.setup = v ?? ''; return;
    case 'fingerprint': {
      const f = parseFingerprint(v ?? '');
      if (!f) return 'bad fingerprint';
      sd.fingerprints.push(f);
      return;
    }
    case 'extmap': {
      const e = parseExtmap(v ?? '');
      if (!e) return 'bad extmap';
      sd.extmaps.push(e);
      return;
    }
    default: sd.attributes.push(raw);
  }
}

function parseMediaAttribute(m: MediaDescription, name: string, v: string | undefined, raw: string): string | undefined {
  const val = v ?? '';
  switch (name) {
    case 'mid': m.mid = val; return;
    case 'ice-ufrag': m.iceUfrag = val; return;
    case 'ice-pwd': m.icePwd = val; return;
    case 'ice-options': m.iceOptions = val; return;
    case 'setup': m.setup = val; return;
    case 'rtcp': m.rtcp = val; return;
    case 'rtcp-mux': m.rtcpMux = true; return;
    case 'rtcp-mux-only': m.rtcpMuxOnly = true; return;
    case 'rtcp-rsize': m.rtcpRsize = true; return;
    case 'bundle-only': m.bundleOnly = true; return;
    case 'end-of-candidates': m.endOfCandidates = true; return;
    case 'extmap-allow-mixed': m.extmapAllowMixed = true; return;
    case 'msid': m.msids.push(val); return;
    case 'rid': m.rids.push(val); return;
    case 'simulcast': m.simulcast = val; return;
    case 'sendrecv': case 'sendonly': case 'recvonly': case 'inactive':
      m.direction = name; return;
    case 'fingerprint': {
      const f = parseFingerprint(val);
      if (!f) return 'bad fingerprint';
      m.fingerprints.push(f);
      return;
    }
    case 'candidate': {
      const c = parseCandidate(val);
      if (typeof c === 'string') return c;
      if (m.candidates.length >= 256) return 'too many candidates';
      m.candidates.push(c);
      return;
    }
    case 'rtpmap': {
      const r = /^(\d{1,3})\s+([^/\s]+)\/(\d{1,10})(?:\/(\d{1,3}))?$/.exec(val);
      if (!r || Number(r[1]) > 127) return 'bad rtpmap';
      m.rtpmaps.push({
        payloadType: Number(r[1]), encoding: r[2], clockRate: Number(r[3]),
        ...(r[4] !== undefined ? { channels: Number(r[4]) } : {}),
      });
      return;
    }
    case 'fmtp': {
      const sp = val.indexOf(' ');
      if (sp <= 0) return 'bad fmtp';
      m.fmtps.push({ format: val.slice(0, sp), parameters: val.slice(sp + 1) });
      return;
    }
    case 'rtcp-fb': {
      const p = val.split(' ');
      if (p.length < 2 || !p[0] || !p[1]) return 'bad rtcp-fb';
      m.rtcpFbs.push({ format: p[0], type: p[1], parameters: p.slice(2).join(' ') });
      return;
    }
    case 'extmap': {
      const e = parseExtmap(val);
      if (!e) return 'bad extmap';
      m.extmaps.push(e);
      return;
    }
    case 'ssrc': {
      const r = /^(\d{1,10}) ([^:\s]+)(?::(.*))?$/.exec(val);
      const ssrc = r ? uint(r[1], 0xffffffff) : undefined;
      if (!r || ssrc === undefined) return 'bad ssrc';
      m.ssrcs.push({ ssrc, attribute: r[2], ...(r[3] !== undefined ? { value: r[3] } : {}) });
      return;
    }
    case 'ssrc-group': {
      const p = val.trim().split(/\s+/);
      const ssrcs = p.slice(1).map((s) => uint(s, 0xffffffff));
      if (!p[0] || ssrcs.some((s) => s === undefined) || ssrcs.length > 64) return 'bad ssrc-group';
      m.ssrcGroups.push({ semantics: p[0], ssrcs: ssrcs as number[] });
      return;
    }
    case 'sctp-port': {
      const n = uint(val, 65535);
      if (n === undefined) return 'bad sctp-port';
      m.sctpPort = n;
      return;
    }
    case 'max-message-size': {
      const n = uint(val, Number.MAX_SAFE_INTEGER);
      if (n === undefined) return 'bad max-message-size';
      m.maxMessageSize = n;
      return;
    }
    default: m.attributes.push(raw);
  }
}

function rtpmapToString(r: RtpMap): string {
  return `${r.payloadType} ${r.encoding}/${r.clockRate}${r.channels !== undefined ? '/' + r.channels : ''}`;
}

export function writeMedia(m: MediaDescription): string {
  const out: string[] = [];
  const a = (s: string) => out.push('a=' + s);
  out.push(`m=${m.media} ${m.port}${m.portCount !== undefined ? '/' + m.portCount : ''} ${m.proto}${m.formats.map((f) => ' ' + f).join('')}`);
  if (m.connection !== undefined) out.push('c=' + m.connection);
  out.push(...m.lines);
  if (m.rtcp !== undefined) a('rtcp:' + m.rtcp);
  for (const c of m.candidates) a('candidate:' + candidateToString(c));
  if (m.endOfCandidates) a('end-of-candidates');
  if (m.iceUfrag) a('ice-ufrag:' + m.iceUfrag);
  if (m.icePwd) a('ice-pwd:' + m.icePwd);
  if (m.iceOptions) a('ice-options:' + m.iceOptions);
  for (const f of m.fingerprints) a(`fingerprint:${f.hash} ${f.value}`);
  if (m.setup) a('setup:' + m.setup);
  if (m.mid) a('mid:' + m.mid);
  for (const e of m.extmaps) a('extmap:' + extmapToString(e));
  if (m.extmapAllowMixed) a('extmap-allow-mixed');
  if (m.direction) a(m.direction);
  for (const s of m.msids) a('msid:' + s);
  if (m.rtcpMux) a('rtcp-mux');
  if (m.rtcpMuxOnly) a('rtcp-mux-only');
  if (m.rtcpRsize) a('rtcp-rsize');
  if (m.bundleOnly) a('bundle-only');
  const emitted = new Set<string>();
  for (const r of m.rtpmaps) {
    a('rtpmap:' + rtpmapToString(r));
    const pt = String(r.payloadType);
    if (emitted.has(pt)) continue;
    emitted.add(pt);
    for (const fb of m.rtcpFbs) if (fb.format === pt) a(`rtcp-fb:${fb.format} ${fb.type}${fb.parameters ? ' ' + fb.parameters : ''}`);
    for (const f of m.fmtps) if (f.format === pt) a(`fmtp:${f.format} ${f.parameters}`);
  }
  for (const fb of m.rtcpFbs) if (!emitted.has(fb.format)) a(`rtcp-fb:${fb.format} ${fb.type}${fb.parameters ? ' ' + fb.parameters : ''}`);
  for (const f of m.fmtps) if (!emitted.has(f.format)) a(`fmtp:${f.format} ${f.parameters}`);
  for (const r of m.rids) a('rid:' + r);
  if (m.simulcast !== undefined) a('simulcast:' + m.simulcast);
  for (const g of m.ssrcGroups) a(`ssrc-group:${g.semantics}${g.ssrcs.map((s) => ' ' + s).join('')}`);
  for (const s of m.ssrcs) a(`ssrc:${s.ssrc} ${s.attribute}${s.value !== undefined ? ':' + s.value : ''}`);
  if (m.sctpPort !== undefined) a('sctp-port:' + m.sctpPort);
  if (m.maxMessageSize !== undefined) a('max-message-size:' + m.maxMessageSize);
  for (const x of m.attributes) a(x);
  return out.join('\r\n') + '\r\n';
}

export function writeSdp(sd: SessionDescription): string {
  const out: string[] = ['v=0', 'o=' + sd.origin, 's=' + sd.sessionName, ...sd.lines];
  const a = (s: string) => out.push('a=' + s);
  if (sd.connection !== undefined) out.push('c=' + sd.connection);
  out.push('t=' + sd.timing);
  if (sd.iceLite) a('ice-lite');
  for (const g of sd.groups) a(`group:${g.semantics}${g.mids.map((x) => ' ' + x).join('')}`);
  if (sd.extmapAllowMixed) a('extmap-allow-mixed');
  if (sd.msidSemantic !== undefined) a('msid-semantic:' + sd.msidSemantic);
  if (sd.cryptex) a('cryptex');
  if (sd.iceOptions) a('ice-options:' + sd.iceOptions);
  if (sd.iceUfrag) a('ice-ufrag:' + sd.iceUfrag);
  if (sd.icePwd) a('ice-pwd:' + sd.icePwd);
  for (const f of sd.fingerprints) a(`fingerprint:${f.hash} ${f.value}`);
  if (sd.setup) a('setup:' + sd.setup);
  for (const e of sd.extmaps) a('extmap:' + extmapToString(e));
  for (const x of sd.attributes) a(x);
  return out.join('\r\n') + '\r\n' + sd.media.map(writeMedia).join('');
}

/** SSRCs in order of their first a=ssrc line. */
export function ssrcOrder(m: MediaDescription): number[] {
  const seen: number[] = [];
  for (const s of m.ssrcs) if (!seen.includes(s.ssrc)) seen.push(s.ssrc);
  return seen;
}

export function ssrcAttribute(m: MediaDescription, ssrc: number, attribute: string): string | undefined {
  return m.ssrcs.find((s) => s.ssrc === ssrc && s.attribute === attribute)?.value;
}
