// MUC presence as Jitsi Meet uses it (jitsi-protocol.md 1.6-1.8): what we send (nick, stats-id,
// SourceInfo, codec list, raised hand) and what we read from other occupants.

import { NS } from '../xml/namespaces';
import { type XmlElement, child, childText, children, el } from '../xml/xml_element';

export interface SourceState { muted: boolean; videoType?: string }
export type SourceInfo = Record<string, SourceState>;

export interface LocalPresence {
  displayName: string;
  statsId: string;
  sources: SourceInfo;
  codecList: string[];
  raisedHand?: number; // timestamp (ms) while the hand is raised
  join: boolean; // first presence: carries <x xmlns=muc/>
}

export const kRaisedHandElement = 'jitsi_participant_raisedHand';
export const kCodecListElement = 'jitsi_participant_codecList';
export const kMaxSourceInfoBytes = 16 * 1024;
export const kMaxDisplayName = 64;

export function buildPresence(to: string, p: LocalPresence): XmlElement {
  return el('presence', { xmlns: NS.client, to }, [
    p.join && el('x', { xmlns: NS.muc }),
    el('stats-id', {}, [p.statsId]),
    el('c', { xmlns: NS.caps, hash: 'sha-1', node: 'https://github.com/meet', ver: 'meet-web-1' }),
    el('SourceInfo', {}, [JSON.stringify(p.sources)]),
    el(kCodecListElement, {}, [p.codecList.join(',')]),
    el('nick', { xmlns: NS.nick }, [p.displayName.slice(0, kMaxDisplayName)]),
    el(kRaisedHandElement, {}, [p.raisedHand ? String(p.raisedHand) : '']),
  ]);
}

export interface OccupantPresence {
  nick: string; // resource = endpoint id (or 'focus')
  unavailable: boolean;
  realJid: string;
  role: string;
  affiliation: string;
  displayName: string;
  statsId: string;
  sources: SourceInfo;
  codecList: string[];
  raisedHand?: number;
  statusCodes: string[];
  error?: string; // presence type='error' condition
}

/** SourceInfo JSON; only entries whose owner part equals the sender are accepted (as LJM does). */
export function parseSourceInfo(text: string, owner: string): SourceInfo {
  if (!text || text.length > kMaxSourceInfoBytes) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return {};
  const out: SourceInfo = {};
  for (const [name, v] of Object.entries(doc as Record<string, unknown>)) {
    const m = /^(.+)-([av])(\d+)(\..*)?$/.exec(name);
    if (!m || m[1] !== owner || typeof v !== 'object' || v === null) continue;
    const o = v as Record<string, unknown>;
    out[name] = { muted: o.muted === true, ...(typeof o.videoType === 'string' ? { videoType: o.videoType } : {}) };
  }
  return out;
}

/** Parses an occupant presence (from = room@muc/nick). Returns null when it is not from the room. */
export function parseOccupantPresence(p: XmlElement, roomJid: string): OccupantPresence | null {
  const from = p.attrs.from ?? '';
  const slash = from.indexOf('/');
  if (slash < 0 || from.slice(0, slash).toLowerCase() !== roomJid.toLowerCase()) return null;
  const nick = from.slice(slash + 1);
  const x = children(p, 'x').find((e) => e.ns === NS.mucUser);
  const item = child(x, 'item');
  const hand = Number(childText(p, kRaisedHandElement) ?? '');
  const out: OccupantPresence = {
    nick,
    unavailable: p.attrs.type === 'unavailable',
    realJid: item?.attrs.jid ?? '',
    role: item?.attrs.role ?? 'none',
    affiliation: item?.attrs.affiliation ?? 'none',
    displayName: (child(p, 'nick', NS.nick)?.text ?? '').slice(0, kMaxDisplayName),
    statsId: childText(p, 'stats-id') ?? '',
    sources: parseSourceInfo(childText(p, 'SourceInfo') ?? '', nick),
    codecList: (childText(p, kCodecListElement) ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    statusCodes: children(x, 'status').map((s) => s.attrs.code ?? ''),
  };
  if (Number.isFinite(hand) && hand > 0) out.raisedHand = hand;
  if (p.attrs.type === 'error') out.error = child(p, 'error')?.children[0]?.name ?? 'unknown';
  return out;
}

/** Our own source names: '<endpoint>-a0', '<endpoint>-v0' (and '-v1' while sharing the screen). */
export function sourceName(endpointId: string, media: 'audio' | 'video', index = 0): string {
  return `${endpointId}-${media === 'audio' ? 'a' : 'v'}${index}`;
}
