// The remote description of the JVB session: the focus's offer exploded into one m-line per remote
// source (jitsi-protocol.md 2.8), then edited in place by source-add / source-remove so that mids
// never move: removed sources leave an 'inactive' m-line that a later source of the same media reuses,
// otherwise a new m-line is appended.

import type { Jingle, MediaType, Source, SsrcGroup } from './jingle_model';
import { contentsWithJsonSources, jingleToSdp } from '../sdp/jingle_sdp';
import { type MediaDescription, type SessionDescription, ssrcAttribute, ssrcOrder, writeSdp } from '../sdp/session_description';

export interface RemoteSourceInfo { mid: string; media: string; name: string; owner: string; ssrcs: number[]; videoType: string }

export class RemoteSdp {
  sdp: SessionDescription;
  private version = 3;

  constructor(offer: Jingle, sessionId = String(Date.now())) {
    this.sdp = jingleToSdp(offer, { sessionId });
  }

  text(): string {
    return writeSdp(this.sdp);
  }

  private bump(): void {
    this.version++;
    const p = this.sdp.origin.split(' ');
    if (p.length >= 3) p[2] = String(this.version);
    this.sdp.origin = p.join(' ');
  }

  private first(media: string): MediaDescription | undefined {
    return this.sdp.media.find((m) => m.media === media);
  }

  /** Adds the sources of a source-add (XML contents and/or json-message). Returns how many were added. */
  addSources(j: Jingle): number {
    let added = 0;
    for (const c of contentsWithJsonSources(j)) {
      const d = c.description;
      if (!d || (d.media !== 'audio' && d.media !== 'video')) continue;
      const known = new Set(this.sdp.media.flatMap((m) => ssrcOrder(m)));
      const fresh = d.sources.filter((s) => !known.has(s.ssrc));
      for (const unit of groupUnits(fresh, d.ssrcGroups)) {
        this.place(d.media, unit.sources, unit.groups);
        added++;
      }
    }
    if (added) this.bump();
    return added;
  }

  private place(media: MediaType, sources: Source[], groups: SsrcGroup[]): void {
    const first = this.first(media);
    if (!first) return; // the offer had no content of this media: nothing to receive it with
    let m = this.sdp.media.find((x) => x !== first && x.media === media && x.direction === 'inactive' && x.ssrcs.length === 0);
    if (!m) {
      m = structuredClone(first);
      m.ssrcs = [];
      m.ssrcGroups = [];
      m.mid = String(this.sdp.media.length);
      this.sdp.media.push(m);
      const bundle = this.sdp.groups.find((g) => g.semantics === 'BUNDLE');
      if (bundle) bundle.mids.push(m.mid);
    }
    m.direction = 'sendonly';
    for (const s of sources) {
      if (s.msid) m.ssrcs.push({ ssrc: s.ssrc, attribute: 'msid', value: s.msid.replace(/[\\/{,}+]/g, '') });
      if (s.name) m.ssrcs.push({ ssrc: s.ssrc, attribute: 'name', value: s.name });
      if (s.videoType) m.ssrcs.push({ ssrc: s.ssrc, attribute: 'videoType', value: s.videoType });
      if (!s.msid && !s.name) m.ssrcs.push({ ssrc: s.ssrc, attribute: 'cname', value: `${s.owner || 'remote'}-${s.ssrc}` });
    }
    m.ssrcGroups.push(...groups.map((g) => ({ semantics: g.semantics, ssrcs: [...g.ssrcs] })));
  }

  /** Removes the SSRCs named by a source-remove; returns how many SSRCs went away. */
  removeSources(j: Jingle): number {
    const gone = new Set<number>();
    for (const c of contentsWithJsonSources(j)) for (const s of c.description?.sources ?? []) gone.add(s.ssrc);
    return this.removeSsrcs(gone);
  }

  /** Removes every source whose owner (source-name prefix) is `endpointId` (occupant left). */
  removeOwner(endpointId: string): number {
    const gone = new Set<number>();
    for (const m of this.sdp.media) {
      for (const ssrc of ssrcOrder(m)) {
        const name = ssrcAttribute(m, ssrc, 'name') ?? ssrcAttribute(m, ssrc, 'msid') ?? '';
        if (name.startsWith(endpointId + '-')) gone.add(ssrc);
      }
    }
    return this.removeSsrcs(gone);
  }

  private removeSsrcs(gone: Set<number>): number {
    let removed = 0;
    for (const m of this.sdp.media) {
      const before = m.ssrcs.length;
      m.ssrcs = m.ssrcs.filter((a) => !gone.has(a.ssrc));
      if (m.ssrcs.length === before) continue;
      removed += ssrcOrder({ ...m, ssrcs: [] }).length + 1;
      m.ssrcGroups = m.ssrcGroups.filter((g) => !g.ssrcs.some((s) => gone.has(s)));
      if (m.ssrcs.length === 0 && m !== this.first(m.media)) m.direction = 'inactive';
    }
    if (removed) this.bump();
    return removed;
  }

  /** What each m-line carries (for mapping received tracks to participants and for stats). */
  sources(): RemoteSourceInfo[] {
    const out: RemoteSourceInfo[] = [];
    for (const m of this.sdp.media) {
      const ssrcs = ssrcOrder(m);
      if (!ssrcs.length || m.media === 'application') continue;
      const name = ssrcAttribute(m, ssrcs[0], 'name') ?? '';
      const msid = ssrcAttribute(m, ssrcs[0], 'msid') ?? '';
      if (msid.includes('mixedmslabel')) continue; // the bridge's feedback sources are never rendered
      const owner = name.includes('-') ? name.slice(0, name.lastIndexOf('-')) : msid.split('-')[0];
      out.push({ mid: m.mid, media: m.media, name, owner, ssrcs, videoType: ssrcAttribute(m, ssrcs[0], 'videoType') ?? '' });
    }
    return out;
  }
}

/** Splits sources into units: an SSRC plus everything grouped with it (FID/SIM), like explode(). */
export function groupUnits(sources: Source[], groups: SsrcGroup[]): { sources: Source[]; groups: SsrcGroup[] }[] {
  const placed = new Set<number>();
  const units: { sources: Source[]; groups: SsrcGroup[] }[] = [];
  const bySsrc = new Map(sources.map((s) => [s.ssrc, s]));
  for (const s of sources) {
    if (placed.has(s.ssrc)) continue;
    const members = [s.ssrc];
    for (let grew = true; grew;) {
      grew = false;
      for (const g of groups) {
        if (!g.ssrcs.some((x) => members.includes(x))) continue;
        for (const x of g.ssrcs) if (!members.includes(x) && bySsrc.has(x) && !placed.has(x)) { members.push(x); grew = true; }
      }
    }
    members.forEach((x) => placed.add(x));
    units.push({
      sources: members.map((x) => bySsrc.get(x)!),
      groups: groups.filter((g) => g.ssrcs.every((x) => members.includes(x))),
    });
  }
  return units;
}
