// Room chat (groupchat) and private chat (type='chat' to an occupant) as Jitsi Meet sends them.

import { NS } from '../xml/namespaces';
import { type XmlElement, child, childText, el } from '../xml/xml_element';

export const kMaxChatBody = 10000;

export function buildRoomMessage(roomJid: string, body: string, displayName: string): XmlElement {
  return el('message', { xmlns: NS.client, to: roomJid, type: 'groupchat' }, [
    el('body', {}, [body.slice(0, kMaxChatBody)]),
    el('nick', { xmlns: NS.nick }, [displayName]),
  ]);
}

export function buildPrivateMessage(roomJid: string, nick: string, body: string, displayName: string): XmlElement {
  return el('message', { xmlns: NS.client, to: `${roomJid}/${nick}`, type: 'chat' }, [
    el('body', {}, [body.slice(0, kMaxChatBody)]),
    el('nick', { xmlns: NS.nick }, [displayName]),
    el('x', { xmlns: NS.mucUser }),
  ]);
}

export interface ChatMessage {
  from: string; // occupant nick (endpoint id); '' for the room itself
  private: boolean;
  body: string;
  displayName: string;
  timestamp: number;
  delayed: boolean; // history replayed by the MUC
}

export function parseChatMessage(m: XmlElement, roomJid: string, now: number): ChatMessage | null {
  const type = m.attrs.type ?? 'normal';
  if (type !== 'groupchat' && type !== 'chat') return null;
  const body = childText(m, 'body');
  if (body === undefined || body.trim() === '') return null;
  const from = m.attrs.from ?? '';
  const slash = from.indexOf('/');
  const bare = (slash < 0 ? from : from.slice(0, slash)).toLowerCase();
  if (bare !== roomJid.toLowerCase()) return null;
  const delay = child(m, 'delay', 'urn:xmpp:delay');
  const stamp = delay ? Date.parse(delay.attrs.stamp ?? '') : NaN;
  return {
    from: slash < 0 ? '' : from.slice(slash + 1),
    private: type === 'chat',
    body: body.slice(0, kMaxChatBody),
    displayName: child(m, 'nick', NS.nick)?.text ?? '',
    timestamp: Number.isFinite(stamp) ? stamp : now,
    delayed: delay !== undefined,
  };
}
