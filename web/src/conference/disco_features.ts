// What the client answers to disco#info (the focus queries the occupant JID to decide which
// contents to offer; jitsi-protocol.md 1.8).
import { NS } from '../xml/namespaces';
import { type XmlElement, child, el } from '../xml/xml_element';

export const kClientFeatures = [
  'http://jabber.org/protocol/disco#info',
  'urn:xmpp:jingle:1',
  'urn:xmpp:jingle:apps:rtp:1',
  'urn:xmpp:jingle:transports:ice-udp:1',
  'urn:xmpp:jingle:apps:dtls:0',
  'urn:xmpp:jingle:transports:dtls-sctp:1',
  'urn:xmpp:jingle:apps:rtp:audio',
  'urn:xmpp:jingle:apps:rtp:video',
  'http://jitsi.org/json-encoded-sources',
  'urn:ietf:rfc:4588',
  'http://jitsi.org/remb',
  'http://jitsi.org/tcc',
  'http://jitsi.org/source-name',
  'http://jitsi.org/receive-multiple-video-streams',
  'urn:xmpp:ping',
];

/** The result for a disco#info get, or null when `iq` is not one. */
export function discoInfoResult(iq: XmlElement): XmlElement | null {
  if (iq.attrs.type !== 'get') return null;
  const q = child(iq, 'query', NS.discoInfo);
  if (!q) return null;
  return el('iq', { xmlns: NS.client, type: 'result', to: iq.attrs.from, id: iq.attrs.id }, [
    el('query', { xmlns: NS.discoInfo, node: q.attrs.node }, [
      el('identity', { category: 'client', type: 'web', name: 'meet' }),
      ...kClientFeatures.map((f) => el('feature', { var: f })),
    ]),
  ]);
}
