// The participant list: names, roles, mute state, raised hands, private-message shortcut.
import type { Conference } from '../conference/conference';
import { avatarColor, h, initials } from './dom';
import { icons } from './icons';

export function renderParticipants(conf: Conference, openChat: (id: string) => void): HTMLElement {
  const s = conf.state;
  const m = conf.media;
  const rows = [
    { id: s.endpointId, name: `${conf.displayName} (you)`, moderator: s.isModerator, audioMuted: m.audioMuted || !m.audio, videoMuted: m.videoMuted || !m.video, hand: s.raisedHand, local: true },
    ...[...s.participants.values()].sort((a, b) => (b.raisedHand ? 1 : 0) - (a.raisedHand ? 1 : 0) || a.displayName.localeCompare(b.displayName))
      .map((p) => ({ id: p.id, name: p.displayName, moderator: p.role === 'moderator', audioMuted: p.audioMuted, videoMuted: p.videoMuted, hand: p.raisedHand, local: false })),
  ];
  return h('div', { class: 'people' },
    h('div', { class: 'people-count' }, `In this meeting (${rows.length})`),
    ...rows.map((r) => h('div', { class: `person${s.dominantSpeaker === r.id ? ' speaking' : ''}` },
      h('div', { class: 'avatar avatar-sm', style: `background:${avatarColor(r.id)}` }, initials(r.name.replace(' (you)', ''))),
      h('div', { class: 'person-main' }, h('div', { class: 'person-name' }, r.name), r.moderator ? h('div', { class: 'person-role' }, 'Moderator') : null),
      h('div', { class: 'person-icons' },
        r.hand ? h('span', { class: 'hand-badge small', html: icons.hand, title: 'Hand raised' }) : null,
        h('span', { class: `state-icon${r.videoMuted ? ' off' : ''}`, html: r.videoMuted ? icons.camOff : icons.cam }),
        h('span', { class: `state-icon${r.audioMuted ? ' off' : ''}`, html: r.audioMuted ? icons.micOff : icons.mic }),
        r.local ? null : h('button', { class: 'icon-btn small', type: 'button', title: `Message ${r.name} privately`, html: icons.chat, onclick: () => openChat(r.id) })))));
}
