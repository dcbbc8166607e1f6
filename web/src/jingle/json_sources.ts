// The compact JSON source encoding of <json-message xmlns='http://jitsi.org/jitmeet'>
// (jitsi-protocol.md 2.7):
//   {"sources": {"<owner>": [videoSources, videoGroups, audioSources, audioGroups?]}}
//   source = {"s": ssrc, "n": name?, "m": msid?, "v": "d"?}, group = ["f"|"s", ssrc...]
// parseSourceMapJson() validates and bounds it; expandSourceMap() turns it into audio/video
// sources and groups the way lib-jitsi-meet expands it into <source>/<ssrc-group> XML.

import type { MediaType, Source, SsrcGroup } from './jingle_model';

export const kMaxSourceMapJsonBytes = 1024 * 1024;
export const kMaxSourceMapOwners = 1024;
export const kMaxOwnerSources = 512;
export const kMaxOwnerGroups = 512;

export interface OwnerSources {
  video: Source[];
  videoGroups: SsrcGroup[];
  audio: Source[];
  audioGroups: SsrcGroup[];
}
/** Owners in the order of the JSON object. */
export type SourceMapJson = { owner: string; sources: OwnerSources }[];

export type SourceMapResult = { ok: true; map: SourceMapJson } | { ok: false; error: string; where: string };

function isSsrc(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 0xffffffff;
}

function parseSources(v: unknown, owner: string, media: 'audio' | 'video', where: string): Source[] | string {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return `${where}: not an array`;
  if (v.length > kMaxOwnerSources) return `${where}: too many sources`;
  const out: Source[] = [];
  for (const [i, s] of v.entries()) {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return `${where}[${i}]: not an object`;
    const o = s as Record<string, unknown>;
    if (!isSsrc(o.s)) return `${where}[${i}]/s: bad ssrc`;
    if (o.n !== undefined && typeof o.n !== 'string') return `${where}[${i}]/n: not a string`;
    if (o.m !== undefined && typeof o.m !== 'string') return `${where}[${i}]/m: not a string`;
    if (o.v !== undefined && o.v !== 'd') return `${where}[${i}]/v: must be "d"`;
    out.push({
      ssrc: o.s, name: (o.n as string) ?? '', msid: (o.m as string) ?? '', owner,
      videoType: media === 'video' ? (o.v === 'd' ? 'desktop' : 'camera') : '', parameters: [],
    });
  }
  return out;
}

function parseGroups(v: unknown, where: string): SsrcGroup[] | string {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return `${where}: not an array`;
  if (v.length > kMaxOwnerGroups) return `${where}: too many groups`;
  const out: SsrcGroup[] = [];
  for (const [i, g] of v.entries()) {
    if (!Array.isArray(g) || g.length < 2 || g.length > 33) return `${where}[${i}]: bad group`;
    const sem = g[0] === 'f' ? 'FID' : g[0] === 's' ? 'SIM' : undefined;
    if (!sem) return `${where}[${i}]: semantics must be "f" or "s"`;
    const ssrcs = g.slice(1);
    if (!ssrcs.every(isSsrc)) return `${where}[${i}]: bad ssrc`;
    out.push({ semantics: sem, ssrcs: ssrcs as number[] });
  }
  return out;
}

export function parseSourceMapJson(text: string): SourceMapResult {
  if (text.length > kMaxSourceMapJsonBytes) return { ok: false, error: 'json-message too large', where: '' };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: 'json-message is not JSON: ' + (e as Error).message, where: '' };
  }
  if (typeof doc !== 'object' || doc === null) return { ok: false, error: 'json-message is not an object', where: '' };
  const sources = (doc as Record<string, unknown>).sources;
  if (sources === undefined) return { ok: true, map: [] };
  if (typeof sources !== 'object' || sources === null || Array.isArray(sources)) {
    return { ok: false, error: '"sources" is not an object', where: 'sources' };
  }
  const owners = Object.entries(sources as Record<string, unknown>);
  if (owners.length > kMaxSourceMapOwners) return { ok: false, error: 'too many owners', where: 'sources' };
  const map: SourceMapJson = [];
  for (const [owner, v] of owners) {
    const where = `sources/${owner}`;
    if (!Array.isArray(v) || v.length > 4) return { ok: false, error: 'owner entry must be an array of up to 4 arrays', where };
    const video = parseSources(v[0], owner, 'video', where + '/0');
    const videoGroups = parseGroups(v[1], where + '/1');
    const audio = parseSources(v[2], owner, 'audio', where + '/2');
    const audioGroups = parseGroups(v[3], where + '/3');
    for (const r of [video, videoGroups, audio, audioGroups]) {
      if (typeof r === 'string') return { ok: false, error: r, where };
    }
    map.push({ owner, sources: { video: video as Source[], videoGroups: videoGroups as SsrcGroup[], audio: audio as Source[], audioGroups: audioGroups as SsrcGroup[] } });
  }
  return { ok: true, map };
}

/** All sources and groups of one media type, owners in order. */
export function expandSourceMap(map: SourceMapJson, media: MediaType): { sources: Source[]; groups: SsrcGroup[] } {
  const sources: Source[] = [];
  const groups: SsrcGroup[] = [];
  for (const { sources: s } of map) {
    if (media === 'video') {
      sources.push(...s.video);
      groups.push(...s.videoGroups);
    } else if (media === 'audio') {
      sources.push(...s.audio);
      groups.push(...s.audioGroups);
    }
  }
  return { sources, groups };
}

/** Encodes sources the way the focus does (used by tests and the demo). */
export function encodeSourceMapJson(map: SourceMapJson): string {
  const sources: Record<string, unknown[]> = {};
  const src = (s: Source) => ({ s: s.ssrc, ...(s.name ? { n: s.name } : {}), ...(s.msid ? { m: s.msid } : {}), ...(s.videoType === 'desktop' ? { v: 'd' } : {}) });
  const grp = (g: SsrcGroup) => [g.semantics === 'FID' ? 'f' : 's', ...g.ssrcs];
  for (const { owner, sources: o } of map) {
    const entry: unknown[] = [o.video.map(src), o.videoGroups.map(grp), o.audio.map(src)];
    if (o.audioGroups.length) entry.push(o.audioGroups.map(grp));
    sources[owner] = entry;
  }
  return JSON.stringify({ sources });
}
