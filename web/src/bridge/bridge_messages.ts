// Bridge-channel JSON messages (jitsi-protocol.md section 4): builders for what the client sends
// and a validating parser for what the bridge sends.

export interface TileRequest { sourceName: string; height: number }

/** ReceiverVideoConstraints from the visible tiles: each tile asks for about its pixel height. */
export function buildReceiverVideoConstraints(tiles: TileRequest[], opts: { lastN?: number; onStage?: string[]; selected?: string[] } = {}): string {
  const constraints: Record<string, { maxHeight: number }> = {};
  for (const t of tiles) constraints[t.sourceName] = { maxHeight: quantizeHeight(t.height) };
  return JSON.stringify({
    colibriClass: 'ReceiverVideoConstraints',
    lastN: opts.lastN ?? -1,
    ...(opts.selected?.length ? { selectedSources: opts.selected } : {}),
    ...(opts.onStage?.length ? { onStageSources: opts.onStage } : {}),
    defaultConstraints: { maxHeight: 180 },
    constraints,
  });
}

/** Tile pixel height -> the simulcast layer height to ask for (180/360/720), 0 when hidden. */
export function quantizeHeight(px: number): number {
  if (!(px > 0)) return 0;
  if (px <= 180) return 180;
  if (px <= 360) return 360;
  return 720;
}

export function buildEndpointMessage(to: string, payload: Record<string, unknown>): string {
  return JSON.stringify({ colibriClass: 'EndpointMessage', to, msgPayload: payload });
}

export function buildSourceVideoType(sourceName: string, videoType: 'camera' | 'desktop'): string {
  return JSON.stringify({ colibriClass: 'SourceVideoTypeMessage', sourceName, videoType });
}

export function buildClientHello(): string {
  return JSON.stringify({ colibriClass: 'ClientHello' });
}

export type BridgeMessage =
  | { kind: 'ServerHello'; version?: string }
  | { kind: 'DominantSpeaker'; endpoint: string; previous: string[]; silence: boolean }
  | { kind: 'ForwardedSources'; sources: string[] }
  | { kind: 'SenderSourceConstraints'; sourceName: string; maxHeight: number }
  | { kind: 'EndpointConnectivity'; endpoint: string; active: boolean }
  | { kind: 'EndpointMessage'; from: string; payload: Record<string, unknown> }
  | { kind: 'EndpointStats'; from: string; stats: Record<string, unknown> }
  | { kind: 'ConnectionStats'; downlinkBps: number }
  | { kind: 'Unknown'; colibriClass: string };

export const kMaxBridgeMessageBytes = 256 * 1024;

const strings = (v: unknown, max = 256): string[] | undefined =>
  Array.isArray(v) && v.length <= max && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;

/** Parses one bridge-channel text message; null when malformed (LJM drops those too). */
export function parseBridgeMessage(text: string): BridgeMessage | null {
  if (text.length > kMaxBridgeMessageBytes) return null;
  let o: Record<string, unknown>;
  try {
    const doc = JSON.parse(text);
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return null;
    o = doc;
  } catch {
    return null;
  }
  const cls = o.colibriClass;
  if (typeof cls !== 'string') return null;
  switch (cls) {
    case 'ServerHello':
      return { kind: 'ServerHello', ...(typeof o.version === 'string' ? { version: o.version } : {}) };
    case 'DominantSpeakerEndpointChangeEvent': {
      if (typeof o.dominantSpeakerEndpoint !== 'string') return null;
      return { kind: 'DominantSpeaker', endpoint: o.dominantSpeakerEndpoint, previous: strings(o.previousSpeakers, 32) ?? [], silence: o.silence === true };
    }
    case 'ForwardedSources': {
      const s = strings(o.forwardedSources, 1024);
      return s ? { kind: 'ForwardedSources', sources: s } : null;
    }
    case 'SenderSourceConstraints':
      if (typeof o.sourceName !== 'string' || typeof o.maxHeight !== 'number') return null;
      return { kind: 'SenderSourceConstraints', sourceName: o.sourceName, maxHeight: o.maxHeight };
    case 'EndpointConnectivityStatusChangeEvent':
      if (typeof o.endpoint !== 'string') return null;
      return { kind: 'EndpointConnectivity', endpoint: o.endpoint, active: o.active === 'true' || o.active === true };
    case 'EndpointMessage':
      if (typeof o.msgPayload !== 'object' || o.msgPayload === null || Array.isArray(o.msgPayload)) return null;
      return { kind: 'EndpointMessage', from: typeof o.from === 'string' ? o.from : '', payload: o.msgPayload as Record<string, unknown> };
    case 'EndpointStats':
      return { kind: 'EndpointStats', from: typeof o.from === 'string' ? o.from : '', stats: o };
    case 'ConnectionStats':
      return typeof o.estimatedDownlinkBandwidth === 'number' ? { kind: 'ConnectionStats', downlinkBps: o.estimatedDownlinkBandwidth } : null;
    default:
      return { kind: 'Unknown', colibriClass: cls };
  }
}

/** colibri-ws URL to open: the advertised one, or its path on the page origin (which proxies /colibri-ws/). */
export function colibriWebSocketUrl(advertised: string, pageOrigin: string | null): string | null {
  let u: URL;
  try {
    u = new URL(advertised);
  } catch {
    return null;
  }
  if (u.protocol !== 'wss:' && u.protocol !== 'ws:') return null;
  if (!u.pathname.startsWith('/colibri-ws/')) return null;
  if (pageOrigin) {
    const p = new URL(pageOrigin);
    u.protocol = p.protocol === 'https:' ? 'wss:' : 'ws:';
    u.host = p.host;
  }
  return u.toString();
}
