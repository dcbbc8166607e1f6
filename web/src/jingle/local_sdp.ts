// Munging of the browser's local answer before it is applied and mapped to session-accept, as
// lib-jitsi-meet does (jitsi-protocol.md 2.5, 5.1): our sending m-lines get source names
// '<ep>-a0'/'<ep>-v0', msid '<ep>-<media>-0-1 <track>-1', and the camera gets 3 simulcast
// SSRCs with RTX (SIM group + FID pairs) so the bridge can forward 180p/360p/720p layers.

import type { MediaDescription, SessionDescription } from '../sdp/session_description';
import { ssrcAttribute, ssrcOrder } from '../sdp/session_description';

export interface SimulcastSsrcs { primary: number[]; rtx: number[] }

function randomSsrc(taken: Set<number>, random: () => number): number {
  for (;;) {
    const s = 1 + Math.floor(random() * 0xfffffffe);
    if (!taken.has(s)) { taken.add(s); return s; }
  }
}

export interface MungeOptions {
  endpointId: string;
  simulcast: boolean;
  /** Kept across renegotiations so the SSRCs never change (keyed by the browser's primary SSRC). */
  simulcastState: Map<number, SimulcastSsrcs>;
  videoType?: 'camera' | 'desktop';
  /** Write source names and LJM msids (for the Jingle we send; not applied to the browser). */
  names?: boolean;
  random?: () => number;
}

/** Mutates `sd`: names, msids and (for video) simulcast on every sending m-line with SSRCs. */
export function mungeLocalAnswer(sd: SessionDescription, o: MungeOptions): void {
  const random = o.random ?? Math.random;
  const taken = new Set(sd.media.flatMap((m) => ssrcOrder(m)));
  const index: Record<string, number> = { audio: 0, video: 0 };
  for (const m of sd.media) {
    if ((m.media !== 'audio' && m.media !== 'video') || m.direction === 'recvonly' || m.direction === 'inactive') continue;
    const ssrcs = ssrcOrder(m);
    if (!ssrcs.length) continue;
    const i = index[m.media]++;
    const fid = m.ssrcGroups.find((g) => g.semantics === 'FID');
    const primary = fid ? fid.ssrcs[0] : ssrcs[0];
    const cname = ssrcAttribute(m, primary, 'cname') ?? `meet-${o.endpointId}`;
    const msidValue = ssrcAttribute(m, primary, 'msid') ?? m.msids[0] ?? `- ${o.endpointId}-${m.media}`;
    const track = (msidValue.split(' ')[1] ?? `${o.endpointId}-${m.media}-${i}`).replace(/[{}]/g, '');
    const msid = `${o.endpointId}-${m.media}-${i}-1 ${track}-1`;
    const name = `${o.endpointId}-${m.media === 'audio' ? 'a' : 'v'}${i}`;
    if (m.media === 'video' && o.simulcast && fid && !m.ssrcGroups.some((g) => g.semantics === 'SIM')) {
      let st = o.simulcastState.get(primary);
      if (!st) {
        st = { primary: [primary, randomSsrc(taken, random), randomSsrc(taken, random)], rtx: [fid.ssrcs[1], randomSsrc(taken, random), randomSsrc(taken, random)] };
        o.simulcastState.set(primary, st);
      }
      m.ssrcGroups = [
        { semantics: 'SIM', ssrcs: [...st.primary] },
        ...st.primary.map((p, k) => ({ semantics: 'FID', ssrcs: [p, st!.rtx[k]] })),
      ];
      m.ssrcs = [];
      for (const s of [...st.primary, ...st.rtx]) m.ssrcs.push({ ssrc: s, attribute: 'cname', value: cname }, { ssrc: s, attribute: 'msid', value: msidValue });
    }
    if (o.names !== false) setSourceAttributes(m, name, msid, m.media === 'video' ? o.videoType : undefined);
  }
}

/** Writes name/msid (LJM's munged form) for every SSRC of the m-line, replacing earlier values. */
function setSourceAttributes(m: MediaDescription, name: string, msid: string, videoType?: string): void {
  const ssrcs = ssrcOrder(m);
  m.ssrcs = m.ssrcs.filter((a) => a.attribute !== 'name' && a.attribute !== 'videoType');
  for (const a of m.ssrcs) if (a.attribute === 'msid') a.value = msid;
  for (const s of ssrcs) {
    m.ssrcs.push({ ssrc: s, attribute: 'name', value: name });
    if (videoType === 'desktop') m.ssrcs.push({ ssrc: s, attribute: 'videoType', value: 'desktop' });
  }
}
