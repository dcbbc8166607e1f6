// Configuration: defaults, overridden by window.meetConfig (config.js served beside the app, written
// by ./meet up), overridden by URL parameters (for tests). Room name comes from the first path segment.

export interface MeetConfig {
  domain: string; // XMPP domain users log in to anonymously
  mucDomain: string; // conference MUC component
  focusDomain: string; // focus component (client_proxy to the focus)
  websocketUrl: string; // absolute ws(s) URL or '' to skip WebSocket
  boshUrl: string; // absolute http(s) URL
  preferBosh: boolean;
  room: string; // '' when the URL names no room
  displayName: string;
  autojoin: boolean;
  demo: boolean;
  preferSctp: boolean;
  simulcast: boolean;
  /** Use the page origin for colibri-ws URLs (the origin proxies /colibri-ws/). */
  colibriWsSameOrigin: boolean;
  startAudioMuted: boolean;
  startVideoMuted: boolean;
  lastN: number;
}

export interface RawConfig {
  hosts?: { domain?: string; muc?: string; focus?: string };
  websocket?: string;
  bosh?: string;
  preferBosh?: boolean;
  preferSctp?: boolean;
  simulcast?: boolean;
  colibriWsSameOrigin?: boolean;
  lastN?: number;
}

export const kDefaultDomain = 'meet.localhost';
const kRoomPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const kDomainPattern = /^[a-z0-9]([a-z0-9-]{0,62}\.)*[a-z0-9-]{1,63}$/i;

export type ConfigResult = { ok: true; config: MeetConfig } | { ok: false; error: string };

function bool(v: string | null): boolean | undefined {
  if (v === null) return undefined;
  return v === '' || v === '1' || v === 'true' || v === 'yes';
}

/** Turns '/xmpp-websocket' into 'ws://host/xmpp-websocket' relative to the page. */
export function absoluteUrl(url: string, page: URL, websocket: boolean): string {
  const u = new URL(url, page);
  if (websocket && (u.protocol === 'http:' || u.protocol === 'https:')) u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

/** Lower-cased, validated room name, or an error for names a MUC cannot hold. */
export function roomFromPath(pathname: string): { room: string } | { error: string } {
  const seg = decodeURIComponent(pathname.replace(/^\/+/, '').split('/')[0] ?? '').trim().toLowerCase();
  if (seg === '' || seg === 'index.html') return { room: '' };
  if (!kRoomPattern.test(seg)) return { error: `"${seg.slice(0, 40)}" is not a valid meeting name (letters, digits, . _ - only)` };
  return { room: seg };
}

export function isValidRoomName(name: string): boolean {
  return kRoomPattern.test(name);
}

export function loadConfig(href: string, raw: RawConfig = {}): ConfigResult {
  let page: URL;
  try {
    page = new URL(href);
  } catch {
    return { ok: false, error: 'bad page URL' };
  }
  const q = page.searchParams;
  const domain = q.get('domain') ?? raw.hosts?.domain ?? kDefaultDomain;
  const mucDomain = q.get('muc') ?? raw.hosts?.muc ?? `conference.${domain}`;
  const focusDomain = q.get('focus') ?? raw.hosts?.focus ?? `focus.${domain}`;
  for (const d of [domain, mucDomain, focusDomain]) {
    if (!kDomainPattern.test(d)) return { ok: false, error: `"${d.slice(0, 60)}" is not a valid domain` };
  }
  const room = roomFromPath(page.pathname);
  if ('error' in room) return { ok: false, error: room.error };
  const roomParam = q.get('room');
  let roomName = room.room;
  if (roomParam !== null) {
    const r = roomFromPath('/' + roomParam);
    if ('error' in r) return { ok: false, error: r.error };
    roomName = r.room;
  }
  const ws = q.get('ws') ?? raw.websocket ?? '/xmpp-websocket';
  const bosh = q.get('bosh') ?? raw.bosh ?? '/http-bind';
  const lastN = Number(q.get('lastN') ?? raw.lastN ?? -1);
  return {
    ok: true,
    config: {
      domain: domain.toLowerCase(),
      mucDomain: mucDomain.toLowerCase(),
      focusDomain: focusDomain.toLowerCase(),
      websocketUrl: ws === '' ? '' : absoluteUrl(ws, page, true),
      boshUrl: absoluteUrl(bosh, page, false),
      preferBosh: bool(q.get('preferBosh')) ?? raw.preferBosh ?? false,
      room: roomName,
      displayName: (q.get('name') ?? '').trim().slice(0, 64),
      autojoin: bool(q.get('autojoin')) ?? false,
      demo: bool(q.get('demo')) ?? false,
      preferSctp: bool(q.get('preferSctp')) ?? raw.preferSctp ?? true,
      simulcast: bool(q.get('simulcast')) ?? raw.simulcast ?? true,
      colibriWsSameOrigin: bool(q.get('colibriWsSameOrigin')) ?? raw.colibriWsSameOrigin ?? true,
      startAudioMuted: bool(q.get('audioMuted')) ?? false,
      startVideoMuted: bool(q.get('videoMuted')) ?? false,
      lastN: Number.isInteger(lastN) && lastN >= -1 ? lastN : -1,
    },
  };
}

/** A fresh endpoint id: 8 lowercase hex digits (jitsi-protocol.md 1.4). */
export function newEndpointId(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}

export function isEndpointId(s: string): boolean {
  return /^[0-9a-f]{8}$/.test(s);
}
