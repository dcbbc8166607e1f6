// The meeting view: top bar, responsive tile grid (names, mute icons, active speaker), banners for
// connection problems, toolbar, and the side panel (chat / participants).
import type { Conference, Participant } from '../conference/conference';
import { sourceName } from '../conference/presence';
import { avatarColor, h, initials } from './dom';
import { icons } from './icons';
import { ChatPanel } from './chat_panel';
import { renderParticipants } from './participants_panel';

interface Tile { root: HTMLElement; video: HTMLVideoElement; avatar: HTMLElement; name: HTMLElement; badges: HTMLElement; trackId: string }

export class MeetingView {
  private grid = h('div', { class: 'grid' });
  private tiles = new Map<string, Tile>();
  private audioEls = new Map<string, HTMLAudioElement>();
  private banner = h('div', { class: 'banner hidden' });
  private side = h('aside', { class: 'side hidden' });
  private panel: 'chat' | 'people' | null = null;
  private chat: ChatPanel;
  private toolbar = h('div', { class: 'toolbar' });
  private count = h('span', { class: 'count' });
  private clock = h('span', { class: 'clock' });
  private started = Date.now();
  private buttons: Record<string, HTMLButtonElement> = {};
  private resizeObserver: ResizeObserver;

  constructor(private root: HTMLElement, private conf: Conference, private onLeave: () => void) {
    this.chat = new ChatPanel(conf);
    const mk = (key: string, title: string, onclick: () => void, extra = '') => {
      const b = h('button', { class: `tool ${extra}`, type: 'button', title, 'aria-label': title, onclick });
      this.buttons[key] = b;
      return b;
    };
    this.toolbar.append(
      h('div', { class: 'tool-group' },
        mk('mic', 'Microphone (M)', () => conf.setAudioMuted(!conf.media.audioMuted)),
        mk('cam', 'Camera (V)', () => {
          if (!conf.media.video) void conf.replaceCamera(conf.media.cameraId).then(() => conf.setVideoMuted(false));
          else conf.setVideoMuted(!conf.media.videoMuted);
        }),
        mk('screen', 'Share screen', () => void conf.toggleScreenShare()),
        mk('hand', 'Raise hand', () => conf.toggleRaisedHand())),
      h('div', { class: 'tool-group' },
        mk('chat', 'Chat', () => this.togglePanel('chat')),
        mk('people', 'Participants', () => this.togglePanel('people'))),
      mk('leave', 'Leave meeting', () => { conf.leave(); this.onLeave(); }, 'leave'));
    const top = h('header', { class: 'topbar' },
      h('div', { class: 'topbar-left' }, h('span', { html: icons.logo }), h('span', { class: 'room-name' }, conf.config.room), this.count),
      h('div', { class: 'topbar-right' }, this.clock,
        h('button', { class: 'chip-btn', type: 'button', title: 'Copy meeting link', onclick: () => this.copyLink() }, h('span', { html: icons.link }), 'Copy link')));
    root.replaceChildren(h('div', { class: 'meeting' },
      h('div', { class: 'stage' }, top, this.banner, this.grid, this.toolbar), this.side));
    this.resizeObserver = new ResizeObserver(() => this.layout());
    this.resizeObserver.observe(this.grid);
    conf.onChange(() => this.render());
    setInterval(() => this.tickClock(), 1000);
    document.addEventListener('keydown', (e) => {
      if ((e.target as HTMLElement)?.closest?.('input,textarea,select')) return;
      if (e.key === 'm') conf.setAudioMuted(!conf.media.audioMuted);
      if (e.key === 'v') conf.setVideoMuted(!conf.media.videoMuted);
    });
    this.render();
  }

  private copyLink(): void {
    const url = `${location.origin}/${encodeURIComponent(this.conf.config.room)}`;
    void navigator.clipboard?.writeText(url);
    this.toast('Meeting link copied');
  }

  private toast(text: string): void {
    const t = h('div', { class: 'toast' }, text);
    this.root.append(t);
    setTimeout(() => t.remove(), 2200);
  }

  private tickClock(): void {
    const s = Math.floor((Date.now() - this.started) / 1000);
    const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
    const ss = String(s % 60).padStart(2, '0');
    this.clock.textContent = s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
  }

  private togglePanel(p: 'chat' | 'people'): void {
    this.panel = this.panel === p ? null : p;
    if (this.panel === 'chat') this.conf.markRead(this.chat.conversation);
    else this.conf.chatOpenFor = null;
    this.render();
  }

  openPrivateChat(id: string): void {
    this.chat.conversation = id;
    this.panel = 'chat';
    this.conf.markRead(id);
    this.render();
  }

  private renderBanner(): void {
    const s = this.conf.state;
    let content: (Node | string)[] = [];
    let kind = 'info';
    if (s.phase === 'failed') {
      kind = 'error';
      content = [h('strong', {}, 'Cannot join. '), s.error, h('button', { class: 'banner-btn', onclick: () => location.reload() }, 'Try again')];
    } else if (s.connection === 'reconnecting') {
      kind = 'warn';
      content = [h('span', { class: 'spinner' }), 'Connection lost. Reconnecting…'];
    } else if (s.ice === 'failed') {
      kind = 'error';
      content = ['Media connection failed.', h('button', { class: 'banner-btn', onclick: () => this.conf.retryMedia() }, 'Retry')];
    } else if (s.ice === 'disconnected') {
      kind = 'warn';
      content = [h('span', { class: 'spinner' }), 'Media connection interrupted. Recovering…'];
    } else if (s.phase === 'connecting' || s.phase === 'requesting' || s.phase === 'joining') {
      content = [h('span', { class: 'spinner' }), s.error || (s.phase === 'connecting' ? 'Connecting…' : 'Joining the meeting…')];
    } else if (this.conf.media.cameraError && !this.conf.media.video) {
      kind = 'subtle';
      content = [`${this.conf.media.cameraError}. Others can hear you but not see you.`];
    }
    this.banner.className = `banner banner-${kind}${content.length ? '' : ' hidden'}`;
    this.banner.replaceChildren(...content);
  }

  private renderToolbar(): void {
    const m = this.conf.media;
    const s = this.conf.state;
    const set = (k: string, icon: string, off: boolean, active = false, badge = 0) => {
      const b = this.buttons[k];
      b.innerHTML = icon;
      b.classList.toggle('off', off);
      b.classList.toggle('active', active);
      if (badge) b.append(h('span', { class: 'badge' }, badge > 99 ? '99+' : String(badge)));
    };
    set('mic', m.audioMuted || !m.audio ? icons.micOff : icons.mic, m.audioMuted || !m.audio);
    set('cam', m.videoMuted || !m.video ? icons.camOff : icons.cam, m.videoMuted || !m.video);
    set('screen', icons.screen, false, !!m.screen);
    set('hand', icons.hand, false, !!s.raisedHand);
    const unread = s.unreadRoom + [...s.unreadPrivate.values()].reduce((a, b) => a + b, 0);
    set('chat', icons.chat, false, this.panel === 'chat', this.panel === 'chat' ? 0 : unread);
    set('people', icons.people, false, this.panel === 'people');
    set('leave', icons.leave, false);
    this.buttons.screen.title = m.screen ? 'Stop sharing' : 'Share screen';
    this.buttons.hand.title = s.raisedHand ? 'Lower hand' : 'Raise hand';
  }

  private render(): void {
    const s = this.conf.state;
    this.count.textContent = `${s.participants.size + 1} ${s.participants.size === 0 ? 'person' : 'people'}`;
    this.renderBanner();
    this.renderToolbar();
    this.renderTiles();
    this.renderAudio();
    this.side.classList.toggle('hidden', this.panel === null);
    if (this.panel === 'chat') this.side.replaceChildren(this.panelHeader('Chat'), this.chat.render());
    else if (this.panel === 'people') this.side.replaceChildren(this.panelHeader('Participants'), renderParticipants(this.conf, (id) => this.openPrivateChat(id)));
  }

  private panelHeader(title: string): HTMLElement {
    return h('div', { class: 'side-header' }, h('h2', {}, title),
      h('button', { class: 'icon-btn', type: 'button', title: 'Close', html: icons.close, onclick: () => { this.panel = null; this.conf.chatOpenFor = null; this.render(); } }));
  }

  private renderAudio(): void {
    const want = new Map<string, MediaStreamTrack>();
    for (const p of this.conf.state.participants.values()) {
      const t = p.tracks.get(sourceName(p.id, 'audio'));
      if (t) want.set(p.id, t);
    }
    for (const [id, a] of this.audioEls) if (!want.has(id)) { a.srcObject = null; a.remove(); this.audioEls.delete(id); }
    for (const [id, t] of want) {
      let a = this.audioEls.get(id);
      if (!a) {
        a = h('audio', { autoplay: true });
        this.audioEls.set(id, a);
        this.root.append(a);
      }
      const cur = (a.srcObject as MediaStream | null)?.getTracks()[0];
      if (cur !== t) a.srcObject = new MediaStream([t]);
    }
  }

  private tileFor(id: string): Tile {
    let t = this.tiles.get(id);
    if (!t) {
      const video = h('video', { class: 'tile-video', autoplay: true, muted: true, playsInline: true });
      const avatar = h('div', { class: 'tile-avatar' });
      const name = h('div', { class: 'tile-name' });
      const badges = h('div', { class: 'tile-badges' });
      const root = h('div', { class: 'tile' }, video, avatar, badges, name);
      t = { root, video, avatar, name, badges, trackId: '' };
      this.tiles.set(id, t);
    }
    return t;
  }

  private renderTiles(): void {
    const s = this.conf.state;
    const m = this.conf.media;
    const entries: { id: string; name: string; track: MediaStreamTrack | null; audioMuted: boolean; raised?: number; local: boolean; screen: boolean; p?: Participant }[] = [];
    const localVideo = m.screen ?? (m.videoMuted ? null : m.video);
    entries.push({ id: s.endpointId, name: `${this.conf.displayName} (you)`, track: localVideo, audioMuted: m.audioMuted || !m.audio, raised: s.raisedHand, local: true, screen: !!m.screen });
    const others = [...s.participants.values()].sort((a, b) => a.joinedAt - b.joinedAt);
    for (const p of others) {
      const v = p.tracks.get(sourceName(p.id, 'video'));
      const forwarded = !s.forwardedSources || s.forwardedSources.has(sourceName(p.id, 'video'));
      entries.push({ id: p.id, name: p.displayName, track: v && !p.videoMuted && forwarded && !v.muted ? v : null, audioMuted: p.audioMuted, raised: p.raisedHand, local: false, screen: p.screenSharing, p });
    }
    const keep = new Set(entries.map((e) => e.id));
    for (const [id, t] of this.tiles) if (!keep.has(id)) { t.root.remove(); this.tiles.delete(id); }
    entries.forEach((e, i) => {
      const t = this.tileFor(e.id);
      const trackId = e.track?.id ?? '';
      if (t.trackId !== trackId) {
        t.video.srcObject = e.track ? new MediaStream([e.track]) : null;
        t.trackId = trackId;
      }
      t.video.classList.toggle('hidden', !e.track);
      t.video.classList.toggle('mirror', e.local && !e.screen);
      t.video.classList.toggle('contain', e.screen);
      t.avatar.classList.toggle('hidden', !!e.track);
      const bare = e.local ? this.conf.displayName : e.name;
      t.avatar.replaceChildren(h('div', { class: 'avatar', style: `background:${avatarColor(e.id)}` }, initials(bare)));
      t.name.replaceChildren(...(e.audioMuted ? [h('span', { class: 'mute-icon', html: icons.micOff })] : []), h('span', {}, e.name));
      t.badges.replaceChildren(...(e.raised ? [h('span', { class: 'hand-badge', html: icons.hand, title: 'Hand raised' })] : []),
        ...(e.screen ? [h('span', { class: 'screen-badge' }, 'Presenting')] : []));
      t.root.classList.toggle('speaking', !e.local && s.dominantSpeaker === e.id && s.participants.size > 0);
      t.root.dataset.endpoint = e.id;
      if (this.grid.children[i] !== t.root) this.grid.insertBefore(t.root, this.grid.children[i] ?? null);
    });
    this.layout();
  }

  /** Chooses the column count that makes 16:9 tiles largest, then tells the bridge the heights. */
  private layout(): void {
    const n = this.tiles.size;
    const W = this.grid.clientWidth;
    const H = this.grid.clientHeight;
    if (!n || !W || !H) return;
    const gap = 12;
    let best = { cols: 1, w: 0, h: 0 };
    for (let cols = 1; cols <= n; cols++) {
      const rows = Math.ceil(n / cols);
      let w = (W - gap * (cols - 1)) / cols;
      let hh = w * 9 / 16;
      if (hh * rows + gap * (rows - 1) > H) {
        hh = (H - gap * (rows - 1)) / rows;
        w = hh * 16 / 9;
      }
      if (w > best.w) best = { cols, w, h: hh };
    }
    this.grid.style.setProperty('--tile-w', `${Math.floor(best.w)}px`);
    this.grid.style.setProperty('--tile-h', `${Math.floor(best.h)}px`);
    const tiles = [...this.conf.state.participants.values()].map((p) => ({ sourceName: sourceName(p.id, 'video'), height: Math.round(best.h * (window.devicePixelRatio || 1)) }));
    this.conf.setVisibleTiles(tiles);
  }
}
