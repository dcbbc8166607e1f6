// What an offer/answer means independent of its encoding (twin of signaling/sdp/session_meaning.hpp),
// so Jingle -> SDP -> Jingle round trips can be compared: per media kind the codecs, extensions,
// sources, groups, transport, direction, rtcp-mux, extmap-allow-mixed and SCTP port. Several m-lines
// of one kind are merged (codecs/transport/direction from the first, sources from all non-recvonly).

import type { Jingle } from '../jingle/jingle_model';
import { contentsWithJsonSources, filterSpecialChars, fmtpFromParameters, parseFmtpParameters } from './jingle_sdp';
import type { MediaDescription, SessionDescription } from './session_description';
import { ssrcAttribute, ssrcOrder } from './session_description';

export interface CodecMeaning { id: number; name: string; clockRate: number; channels: number; fmtp: string[]; rtcpFb: string[] }
export interface MediaMeaning {
  kind: string; direction: string; rtcpMux: boolean; extmapAllowMixed: boolean;
  codecs: CodecMeaning[]; wildcardFb: string[]; extensions: string[];
  sources: Record<number, string>; groups: string[];
  ufrag: string; pwd: string; fingerprints: string[]; candidates: string[]; sctpPort?: number;
}
export interface SessionMeaning { bundle: boolean; media: MediaMeaning[] }

const sorted = (v: string[]) => [...v].sort();
const normFmtp = (s: string) => sorted(parseFmtpParameters(s).map((p) => (p.name ? `${p.name}=${p.value}` : p.value)));
const fb = (type: string, sub: string) => (sub ? `${type} ${sub}` : type);
const rankOf = (k: string) => (k === 'audio' ? 0 : k === 'video' ? 1 : 2);

function candidateKey(f: string, comp: number, proto: string, prio: number, ip: string, port: number, type: string,
  relAddr: string | undefined, relPort: number | undefined, tcptype: string | undefined, gen: number): string {
  let s = `${f} ${comp} ${proto.toLowerCase()} ${prio} ${ip} ${port} typ ${type}`;
  if ((type === 'srflx' || type === 'prflx' || type === 'relay') && relAddr && relPort !== undefined) s += ` raddr ${relAddr} rport ${relPort}`;
  if (proto.toLowerCase() === 'tcp' && tcptype) s += ` tcptype ${tcptype}`;
  return `${s} generation ${gen}`;
}

function emptyMedia(kind: string): MediaMeaning {
  return { kind, direction: '', rtcpMux: false, extmapAllowMixed: false, codecs: [], wildcardFb: [], extensions: [], sources: {}, groups: [], ufrag: '', pwd: '', fingerprints: [], candidates: [] };
}

function finish(m: MediaMeaning): MediaMeaning {
  m.codecs.sort((a, b) => a.id - b.id);
  m.wildcardFb.sort(); m.extensions.sort(); m.groups.sort(); m.fingerprints.sort(); m.candidates.sort();
  return m;
}

function extDir(d: string): string { return d === 'sendrecv' ? '' : d; }
function extDirFromSenders(s: string): string { return s === 'responder' ? 'sendonly' : s === 'initiator' ? 'recvonly' : s === 'none' ? 'inactive' : ''; }

function firstSdpMedia(sd: SessionDescription, m: MediaDescription): MediaMeaning {
  const kind = m.media === 'application' ? 'data' : m.media;
  const out = emptyMedia(kind);
  out.direction = m.port === 0 && !m.bundleOnly ? 'rejected' : m.direction;
  out.rtcpMux = m.rtcpMux;
  if (kind !== 'data') {
    out.extmapAllowMixed = m.extmapAllowMixed || sd.extmapAllowMixed;
    for (const f of m.formats) {
      const r = /^\d{1,3}$/.test(f) ? m.rtpmaps.find((x) => x.payloadType === Number(f)) : undefined;
      if (!r) continue;
      const fmtp = m.fmtps.find((x) => x.format === f);
      out.codecs.push({
        id: r.payloadType, name: r.encoding.toLowerCase(), clockRate: r.clockRate, channels: r.channels ?? 1,
        fmtp: fmtp ? normFmtp(fmtp.parameters) : [],
        rtcpFb: sorted(m.rtcpFbs.filter((x) => x.format === f && x.type !== 'trr-int').map((x) => fb(x.type, x.parameters.split(' ')[0] ?? ''))),
      });
    }
    out.wildcardFb = m.rtcpFbs.filter((x) => x.format === '*' && x.type !== 'trr-int').map((x) => fb(x.type, x.parameters.split(' ')[0] ?? ''));
    out.extensions = (m.extmaps.length ? m.extmaps : sd.extmaps).map((e) => `${e.id} ${e.uri}${extDir(e.direction) ? ' ' + extDir(e.direction) : ''}`);
  }
  const setup = m.setup || sd.setup;
  out.fingerprints = (m.fingerprints.length ? m.fingerprints : sd.fingerprints).map((f) => `${f.hash.toLowerCase()} ${f.value.toUpperCase()} ${setup}`);
  out.ufrag = m.iceUfrag || sd.iceUfrag;
  out.pwd = m.icePwd || sd.icePwd;
  out.candidates = m.candidates.map((c) => candidateKey(c.foundation, c.component, c.transport, c.priority, c.address, c.port, c.type, c.relAddr, c.relPort, c.tcptype, c.generation ?? 0));
  if (m.sctpPort !== undefined) out.sctpPort = m.sctpPort;
  return out;
}

export function meaningOfSdp(sd: SessionDescription): SessionMeaning {
  const media: MediaMeaning[] = [];
  for (const m of sd.media) {
    const kind = m.media === 'application' ? 'data' : m.media;
    if (!['audio', 'video', 'data'].includes(kind)) continue;
    let mm = media.find((x) => x.kind === kind);
    if (!mm) { mm = firstSdpMedia(sd, m); media.push(mm); }
    if (m.direction === 'recvonly' || kind === 'data') continue;
    for (const ssrc of ssrcOrder(m)) {
      mm.sources[ssrc] = `${ssrcAttribute(m, ssrc, 'name') ?? ''}|${filterSpecialChars(ssrcAttribute(m, ssrc, 'msid') ?? '')}|${kind === 'video' ? ssrcAttribute(m, ssrc, 'videoType') ?? '' : ''}`;
    }
    for (const g of m.ssrcGroups) mm.groups.push([g.semantics, ...g.ssrcs].join(' '));
  }
  media.forEach(finish);
  media.sort((a, b) => rankOf(a.kind) - rankOf(b.kind));
  return { bundle: sd.groups.some((g) => g.semantics === 'BUNDLE'), media };
}

function dirFromSenders(s: string): string {
  return s === 'both' ? 'sendrecv' : s === 'initiator' ? 'sendonly' : s === 'responder' ? 'recvonly' : s === 'none' ? 'inactive' : s === 'rejected' ? 'rejected' : '';
}

export function meaningOfJingle(j: Jingle): SessionMeaning {
  const media: MediaMeaning[] = [];
  for (const c of contentsWithJsonSources(j)) {
    const data = c.transport?.sctpmap !== undefined || c.description?.media === 'application';
    const m = emptyMedia(data ? 'data' : c.description?.media ?? c.name);
    m.direction = dirFromSenders(c.senders);
    if (c.description && !data) {
      const d = c.description;
      m.rtcpMux = d.rtcpMux;
      m.extmapAllowMixed = d.extmapAllowMixed;
      m.codecs = d.payloadTypes.map((p) => ({
        id: p.id, name: p.name.toLowerCase(), clockRate: p.clockrate, channels: p.channels,
        fmtp: normFmtp(fmtpFromParameters(p.parameters)), rtcpFb: sorted(p.rtcpFbs.map((x) => fb(x.type, x.subtype))),
      }));
      m.wildcardFb = d.rtcpFbs.map((x) => fb(x.type, x.subtype));
      m.extensions = d.headerExtensions.map((e) => `${e.id} ${e.uri}${extDirFromSenders(e.senders) ? ' ' + extDirFromSenders(e.senders) : ''}`);
      for (const s of d.sources) m.sources[s.ssrc] = `${s.name}|${filterSpecialChars(s.msid)}|${d.media === 'video' ? s.videoType : ''}`;
      m.groups = d.ssrcGroups.filter((g) => g.ssrcs.length).map((g) => [g.semantics, ...g.ssrcs].join(' '));
    }
    if (c.transport) {
      const t = c.transport;
      if (t.ufrag && t.pwd) { m.ufrag = t.ufrag; m.pwd = t.pwd; }
      const setup = [...t.fingerprints].reverse().find((f) => f.setup)?.setup ?? '';
      m.fingerprints = t.fingerprints.map((f) => `${f.hash.toLowerCase()} ${f.value.toUpperCase()} ${setup}`);
      m.candidates = t.candidates.map((x) => candidateKey(x.foundation, x.component, x.protocol, x.priority, x.ip, x.port, x.type, x.relAddr, x.relPort, x.tcptype, x.generation));
      if (t.sctpmap) m.sctpPort = t.sctpmap.number;
    }
    media.push(finish(m));
  }
  media.sort((a, b) => rankOf(a.kind) - rankOf(b.kind));
  return { bundle: j.bundle.length > 0, media };
}
