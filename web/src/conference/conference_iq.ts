// The conference request to focus.<domain> (jitsi-protocol.md 1.5) and its answer.

import { NS } from '../xml/namespaces';
import { type XmlElement, child, children, el } from '../xml/xml_element';

export function buildConferenceIq(id: string, focusDomain: string, roomJid: string, machineUid: string, properties: Record<string, string> = {}): XmlElement {
  return el('iq', { xmlns: NS.client, type: 'set', to: focusDomain, id }, [
    el('conference', { xmlns: NS.focus, room: roomJid, 'machine-uid': machineUid }, [
      el('property', { name: 'rtcstatsEnabled', value: 'false' }),
      el('property', { name: 'visitors-version', value: '1' }),
      ...Object.entries(properties).map(([name, value]) => el('property', { name, value })),
    ]),
  ]);
}

export interface ConferenceAnswer {
  ready: boolean;
  focusJid: string; // bare JID of the focus account
  properties: Record<string, string>;
}

export type ConferenceAnswerResult = { ok: true; answer: ConferenceAnswer } | { ok: false; error: string; retry: boolean };

export function parseConferenceAnswer(iq: XmlElement): ConferenceAnswerResult {
  if (iq.attrs.type === 'error') {
    const err = child(iq, 'error');
    const cond = err?.children.find((c) => c.ns === NS.stanzas && c.name !== 'text')?.name ?? err?.children[0]?.name ?? 'unknown';
    const retry = cond === 'session-invalid' || cond === 'not-acceptable';
    return { ok: false, error: cond, retry };
  }
  const c = child(iq, 'conference', NS.focus);
  if (!c) return { ok: false, error: 'answer without <conference>', retry: false };
  const properties: Record<string, string> = {};
  for (const p of children(c, 'property').slice(0, 64)) if (p.attrs.name) properties[p.attrs.name] = p.attrs.value ?? '';
  const focusJid = (c.attrs.focusjid ?? c.attrs.focusJid ?? '').split('/')[0];
  if (properties.live === 'false') return { ok: false, error: 'not-live', retry: false };
  return { ok: true, answer: { ready: c.attrs.ready === 'true', focusJid, properties } };
}

/** LJM's backoff for ready='false': 1 s, 2 s, 4 s ... capped at 120 s. */
export function conferenceRetryDelayMs(attempt: number): number {
  return Math.min(120000, 1000 * 2 ** Math.min(attempt, 7));
}
