// Room chat and private chats, with per-conversation unread badges.
import type { Conference } from '../conference/conference';
import { avatarColor, h, initials } from './dom';
import { icons } from './icons';

export class ChatPanel {
  conversation = ''; // '' = everyone, else an endpoint id
  // The composer survives re-renders (presence updates arrive while typing).
  private input = h('textarea', { class: 'chat-input', rows: 1 });

  constructor(private conf: Conference) {
    this.input.onkeydown = (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        this.send();
      }
    };
  }

  private send(): void {
    this.conf.sendChat(this.input.value, this.conversation);
    this.input.value = '';
  }

  render(): HTMLElement {
    const s = this.conf.state;
    const convs: { id: string; label: string; unread: number }[] = [{ id: '', label: 'Everyone', unread: this.conversation === '' ? 0 : s.unreadRoom }];
    const privateIds = new Set<string>(s.chat.filter((c) => c.private).map((c) => (c.mine ? c.to : c.from)));
    if (this.conversation) privateIds.add(this.conversation);
    for (const id of privateIds) {
      convs.push({ id, label: s.participants.get(id)?.displayName ?? 'Left the meeting', unread: this.conversation === id ? 0 : s.unreadPrivate.get(id) ?? 0 });
    }
    const tabs = h('div', { class: 'conv-tabs' }, ...convs.map((c) =>
      h('button', { class: `conv-tab${c.id === this.conversation ? ' active' : ''}`, type: 'button', onclick: () => { this.conversation = c.id; this.conf.markRead(c.id); } },
        c.id ? h('span', { class: 'lock', html: icons.lock }) : null, c.label, c.unread ? h('span', { class: 'badge inline' }, String(c.unread)) : null)));
    const msgs = s.chat.filter((c) => (this.conversation === '' ? !c.private : c.private && (c.mine ? c.to === this.conversation : c.from === this.conversation)));
    const list = h('div', { class: 'messages' }, ...(msgs.length ? msgs.map((c, i) => {
      const grouped = i > 0 && msgs[i - 1].from === c.from && c.timestamp - msgs[i - 1].timestamp < 120000;
      return h('div', { class: `msg${c.mine ? ' mine' : ''}${grouped ? ' grouped' : ''}` },
        grouped || c.mine ? null : h('div', { class: 'avatar avatar-sm', style: `background:${avatarColor(c.from)}` }, initials(c.fromName)),
        h('div', { class: 'msg-body' },
          grouped ? null : h('div', { class: 'msg-meta' }, h('strong', {}, c.mine ? 'You' : c.fromName), h('time', {}, new Date(c.timestamp).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))),
          h('div', { class: 'bubble' }, c.body)));
    }) : [h('div', { class: 'empty' }, this.conversation ? 'Messages here are only seen by the two of you.' : 'No messages yet. Say hello!')]));
    const input = this.input;
    input.placeholder = this.conversation ? 'Private message' : 'Message everyone';
    const hadFocus = document.activeElement === input;
    const out = h('div', { class: 'chat' }, tabs, list,
      h('div', { class: 'composer' }, input, h('button', { class: 'send-btn', type: 'button', title: 'Send', html: icons.send, onclick: () => this.send() })));
    requestAnimationFrame(() => {
      list.scrollTop = list.scrollHeight;
      if (hadFocus || document.activeElement === document.body) input.focus();
    });
    return out;
  }
}
