// Entry: read config (config.js + URL), then pre-join (or autojoin) -> meeting -> left screen.
import './styles.css';
import { type RawConfig, loadConfig } from './config/config';
import { Conference } from './conference/conference';
import { LocalMedia } from './media/local_media';
import { showPrejoin } from './ui/prejoin';
import { MeetingView } from './ui/meeting_view';
import { fillDemo } from './ui/demo';
import { installTestHook } from './test_hook';
import { h } from './ui/dom';
import { icons } from './ui/icons';

const root = document.getElementById('app')!;
let conference: Conference | null = null;
let screen = 'loading';
installTestHook(() => conference, () => screen);

function errorPage(title: string, detail: string): void {
  screen = 'error';
  root.replaceChildren(h('div', { class: 'center-page' },
    h('div', { class: 'message-card' }, h('span', { html: icons.logo }), h('h1', {}, title), h('p', {}, detail),
      h('a', { class: 'primary-btn', href: '/' }, 'Go to start page'))));
}

function leftPage(room: string): void {
  screen = 'left';
  root.replaceChildren(h('div', { class: 'center-page' },
    h('div', { class: 'message-card' }, h('span', { html: icons.logo }), h('h1', {}, 'You left the meeting'),
      h('p', {}, `Thanks for joining ${room}.`),
      h('div', { class: 'row' }, h('a', { class: 'primary-btn', href: `/${encodeURIComponent(room)}` }, 'Rejoin'), h('a', { class: 'ghost-btn', href: '/' }, 'New meeting')))));
}

async function main(): Promise<void> {
  const raw = (window as unknown as { meetConfig?: RawConfig }).meetConfig ?? {};
  const loaded = loadConfig(location.href, raw);
  if (!loaded.ok) {
    errorPage('This meeting link is not valid', loaded.error);
    return;
  }
  const config = loaded.config;
  const media = new LocalMedia();
  media.audioMuted = config.startAudioMuted;
  media.videoMuted = config.startVideoMuted;
  let name = config.displayName;
  if (config.demo) {
    config.room ||= 'design-review';
    name ||= 'You';
    await media.start();
  } else if (config.autojoin && config.room) {
    name ||= 'Guest';
    await media.start();
  } else {
    screen = 'prejoin';
    const r = await showPrejoin(root, config.room, media, name);
    name = r.name;
    if (r.room !== config.room) history.replaceState(null, '', `/${encodeURIComponent(r.room)}${location.search}`);
    config.room = r.room;
  }
  screen = 'meeting';
  document.title = `${config.room} · meet`;
  conference = new Conference(config, media, name);
  new MeetingView(root, conference, () => leftPage(config.room));
  window.addEventListener('beforeunload', () => conference?.leave());
  if (config.demo) {
    fillDemo(conference);
    conference.state.endpointId = 'a1b2c3d4';
    conference.setAudioMuted(false);
    return;
  }
  await conference.join();
}

void main();
