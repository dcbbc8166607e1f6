// One meeting: XMPP connection -> conference request to the focus (retry while ready='false') ->
// MUC join with nick = endpoint id -> occupants, chat, raise hand; the focus's Jingle session;
// the bridge channel. The UI reads `state` and subscribes with onChange().

import type { MeetConfig } from '../config/config';
import { newEndpointId } from '../config/config';
import { XmppConnection, type ConnectionState } from '../xmpp/xmpp_connection';
import { NS } from '../xml/namespaces';
import { type XmlElement, child, el } from '../xml/xml_element';
import { buildConferenceIq, conferenceRetryDelayMs, parseConferenceAnswer } from './conference_iq';
import { type SourceInfo, buildPresence, parseOccupantPresence, sourceName } from './presence';
import { discoInfoResult } from './disco_features';
import { buildPrivateMessage, buildRoomMessage, parseChatMessage } from './chat_message';
import { type Jingle, buildJingle, newJingle, parseJingle } from '../jingle/jingle_model';
import { JingleSession } from '../jingle/jingle_session';
import type { RemoteSourceInfo } from '../jingle/remote_sdp';
import { BridgeChannel } from '../bridge/bridge_channel';
import { buildReceiverVideoConstraints, buildSourceVideoType, colibriWebSocketUrl, type TileRequest } from '../bridge/bridge_messages';
import { LocalMedia, supportedCodecList } from '../media/local_media';

export interface Participant {
  id: string;
  displayName: string;
  role: string;
  realJid: string;
  audioMuted: boolean;
  videoMuted: boolean;
  screenSharing: boolean;
  raisedHand?: number;
  tracks: Map<string, MediaStreamTrack>; // source name -> track
  joinedAt: number;
}

export interface ChatEntry { from: string; fromName: string; to: string; body: string; timestamp: number; private: boolean; mine: boolean }

export type Phase = 'idle' | 'connecting' | 'requesting' | 'joining' | 'joined' | 'left' | 'failed';

export interface ConferenceState {
  phase: Phase;
  error: string;
  connection: ConnectionState;
  ice: RTCIceConnectionState | '';
  endpointId: string;
  roomJid: string;
  participants: Map<string, Participant>;
  dominantSpeaker: string;
  chat: ChatEntry[];
  unreadRoom: number;
  unreadPrivate: Map<string, number>;
  forwardedSources: Set<string> | null;
  raisedHand?: number;
  bridgeChannel: 'sctp' | 'websocket' | 'none';
  isModerator: boolean;
}

export class Conference {
  readonly xmpp: XmppConnection;
  readonly state: ConferenceState;
  session: JingleSession | null = null;
  bridge: BridgeChannel | null = null;
  private listeners: (() => void)[] = [];
  private focusJid = '';
  private statsId = 'meet-' + Math.random().toString(36).slice(2, 8);
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  chatOpenFor: string | null = null; // '' = room chat visible, id = private chat visible, null = closed
  private tiles: TileRequest[] = [];

  constructor(readonly config: MeetConfig, readonly media: LocalMedia, public displayName: string) {
    this.xmpp = new XmppConnection(config.websocketUrl, config.boshUrl, config.domain, config.preferBosh);
    this.state = {
      phase: 'idle', error: '', connection: 'disconnected', ice: '', endpointId: newEndpointId(),
      roomJid: `${config.room}@${config.mucDomain}`, participants: new Map(), dominantSpeaker: '', chat: [],
      unreadRoom: 0, unreadPrivate: new Map(), forwardedSources: null, bridgeChannel: 'none', isModerator: false,
    };
    this.xmpp.onState((s, detail) => {
      this.state.connection = s;
      if (s === 'failed' && this.state.phase !== 'joined') this.fail(`Cannot reach the meeting server (${detail ?? 'no answer'})`);
      this.changed();
    });
    this.xmpp.onFreshSession = () => void this.rejoin();
    this.xmpp.on('presence', (p) => this.onPresence(p));
    this.xmpp.on('message', (m) => this.onMessage(m));
    this.xmpp.on('iq', (iq) => this.onIq(iq));
  }

  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  private changed(): void {
    for (const f of this.listeners) f();
  }

  private fail(error: string): void {
    this.state.phase = 'failed';
    this.state.error = error;
    this.changed();
  }

  log(msg: string, ...args: unknown[]): void {
    console.info(`[meet ${this.state.endpointId}] ${msg}`, ...args);
  }

  async join(): Promise<void> {
    this.state.phase = 'connecting';
    this.changed();
    try {
      await this.xmpp.connect();
    } catch (e) {
      this.fail(`Cannot reach the meeting server: ${(e as Error).message}`);
      return;
    }
    // An anonymous JID node that is 8 hex digits becomes the endpoint id, as in LJM.
    const node = this.xmpp.jid.split('@')[0];
    if (/^[0-9a-f]{8}/.test(node)) this.state.endpointId = node.slice(0, 8);
    await this.requestConference();
  }

  private async requestConference(): Promise<void> {
    this.state.phase = 'requesting';
    this.changed();
    const iq = buildConferenceIq(`conf-${Date.now()}`, this.config.focusDomain, this.state.roomJid, this.statsId);
    let answer: XmlElement;
    try {
      answer = await this.xmpp.sendIq(iq, 20000);
    } catch (e) {
      const err = e as { condition?: string; stanza?: XmlElement | null };
      const parsed = err.stanza ? parseConferenceAnswer(err.stanza) : null;
      const cond = parsed && !parsed.ok ? parsed.error : err.condition ?? 'error';
      if (cond === 'timeout' || cond === 'service-unavailable' || cond === 'remote-server-not-found' || (parsed && !parsed.ok && parsed.retry)) {
        this.retryConference(`The meeting service is not answering (${cond}); retrying…`);
      } else {
        this.fail(cond === 'not-authorized' ? 'This meeting requires you to log in.' : `The meeting could not be started (${cond}).`);
      }
      return;
    }
    const r = parseConferenceAnswer(answer);
    if (!r.ok) {
      this.fail(`The meeting could not be started (${r.error}).`);
      return;
    }
    this.focusJid = r.answer.focusJid;
    if (!r.answer.ready) {
      this.retryConference('Waiting for the meeting to start…');
      return;
    }
    this.attempt = 0;
    this.joinRoom();
  }

  private retryConference(message: string): void {
    this.state.error = message;
    const delay = conferenceRetryDelayMs(this.attempt++);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.requestConference(), delay);
    this.changed();
  }

  private joinRoom(): void {
    this.state.phase = 'joining';
    this.state.error = '';
    this.sendPresence(true);
    this.changed();
  }

  private async rejoin(): Promise<void> {
    this.session?.close();
    this.session = null;
    this.bridge?.close();
    this.bridge = null;
    this.state.participants.clear();
    await this.requestConference();
  }

  sourceInfo(): SourceInfo {
    const ep = this.state.endpointId;
    const info: SourceInfo = {
      [sourceName(ep, 'audio')]: { muted: this.media.audioMuted || !this.media.audio },
      [sourceName(ep, 'video')]: { muted: this.media.screen ? false : this.media.videoMuted || !this.media.video },
    };
    if (this.media.screen) info[sourceName(ep, 'video')].videoType = 'desktop';
    return info;
  }

  sendPresence(join = false): void {
    if (!this.xmpp.connected) return;
    this.xmpp.send(buildPresence(`${this.state.roomJid}/${this.state.endpointId}`, {
      displayName: this.displayName, statsId: this.statsId, sources: this.sourceInfo(),
      codecList: supportedCodecList(), raisedHand: this.state.raisedHand, join,
    }));
  }

  private isFocusOccupant(nick: string, realJid: string): boolean {
    return nick === 'focus' && (!this.focusJid || realJid.toLowerCase().startsWith(this.focusJid.toLowerCase() + '/'));
  }

  private onPresence(p: XmlElement): void {
    const o = parseOccupantPresence(p, this.state.roomJid);
    if (!o) return;
    if (o.nick === this.state.endpointId) {
      if (o.error) {
        this.fail(o.error === 'conflict' ? 'Someone else joined with the same id; please reload.' : `Could not join the meeting room (${o.error}).`);
        return;
      }
      if (o.unavailable) return;
      this.state.isModerator = o.role === 'moderator';
      if (this.state.phase === 'joining') this.state.phase = 'joined';
      this.changed();
      return;
    }
    if (o.nick === 'focus' || this.isFocusOccupant(o.nick, o.realJid)) {
      if (o.unavailable && this.state.phase === 'joined') {
        this.state.error = 'The meeting focus left; reconnecting…';
        void this.rejoin();
      }
      return;
    }
    if (o.unavailable) {
      this.state.participants.delete(o.nick);
      void this.session?.removeParticipant(o.nick);
      this.changed();
      return;
    }
    let part = this.state.participants.get(o.nick);
    if (!part) {
      part = { id: o.nick, displayName: '', role: '', realJid: '', audioMuted: true, videoMuted: true, screenSharing: false, tracks: new Map(), joinedAt: Date.now() };
      this.state.participants.set(o.nick, part);
    }
    part.displayName = o.displayName || part.displayName || 'Guest ' + o.nick.slice(0, 4);
    part.role = o.role;
    part.realJid = o.realJid;
    part.raisedHand = o.raisedHand;
    const a = o.sources[sourceName(o.nick, 'audio')];
    const v = o.sources[sourceName(o.nick, 'video')];
    part.audioMuted = a ? a.muted : true;
    part.videoMuted = v ? v.muted : true;
    part.screenSharing = Object.values(o.sources).some((s) => s.videoType === 'desktop' && !s.muted);
    this.changed();
  }

  private onMessage(m: XmlElement): void {
    const c = parseChatMessage(m, this.state.roomJid, Date.now());
    if (!c || c.from === this.state.endpointId) return;
    const fromName = this.state.participants.get(c.from)?.displayName || c.displayName || 'Guest';
    this.state.chat.push({ from: c.from, fromName, to: c.private ? this.state.endpointId : '', body: c.body, timestamp: c.timestamp, private: c.private, mine: false });
    if (this.state.chat.length > 500) this.state.chat.shift();
    if (!c.delayed) {
      if (c.private && this.chatOpenFor !== c.from) this.state.unreadPrivate.set(c.from, (this.state.unreadPrivate.get(c.from) ?? 0) + 1);
      else if (!c.private && this.chatOpenFor !== '') this.state.unreadRoom++;
    }
    this.changed();
  }

  markRead(conversation: string): void {
    this.chatOpenFor = conversation;
    if (conversation === '') this.state.unreadRoom = 0;
    else this.state.unreadPrivate.delete(conversation);
    this.changed();
  }

  sendChat(body: string, to = ''): void {
    const text = body.trim();
    if (!text) return;
    this.xmpp.send(to ? buildPrivateMessage(this.state.roomJid, to, text, this.displayName) : buildRoomMessage(this.state.roomJid, text, this.displayName));
    this.state.chat.push({ from: this.state.endpointId, fromName: this.displayName, to, body: text, timestamp: Date.now(), private: to !== '', mine: true });
    this.changed();
  }

  private reply(iq: XmlElement, error?: { type: string; condition: string; jingleError?: string }): void {
    this.xmpp.send(el('iq', { xmlns: NS.client, type: error ? 'error' : 'result', to: iq.attrs.from, id: iq.attrs.id }, error ? [
      el('error', { type: error.type }, [el(error.condition, { xmlns: NS.stanzas }), error.jingleError ? el(error.jingleError, { xmlns: NS.jingleErrors }) : null]),
    ] : []));
  }

  private onIq(iq: XmlElement): void {
    const disco = discoInfoResult(iq);
    if (disco) {
      this.xmpp.send(disco);
      return;
    }
    if (iq.attrs.type !== 'set') return;
    const jx = child(iq, 'jingle', NS.jingle);
    if (jx) {
      this.onJingle(iq, jx);
      return;
    }
    const mute = iq.children.find((c) => c.name === 'mute' && (c.ns === 'http://jitsi.org/jitmeet/audio' || c.ns === 'http://jitsi.org/jitmeet/video'));
    if (mute && iq.attrs.from === `${this.state.roomJid}/focus`) {
      this.reply(iq);
      if (mute.text.trim() === 'true') {
        if (mute.ns.endsWith('/audio')) this.setAudioMuted(true);
        else this.setVideoMuted(true);
      }
    }
  }

  private onJingle(iq: XmlElement, jx: XmlElement): void {
    const from = iq.attrs.from ?? '';
    const parsed = parseJingle(jx);
    if (!parsed.ok) {
      this.log(`bad jingle: ${parsed.error} at ${parsed.where}`);
      this.reply(iq, { type: 'modify', condition: 'bad-request' });
      return;
    }
    const j = parsed.jingle;
    const fromFocus = from === `${this.state.roomJid}/focus`;
    if (j.action === 'session-initiate') {
      if (!fromFocus) {
        // P2P and foreign initiators are refused (jitsi-protocol.md 1.7).
        this.reply(iq);
        const t = newJingle('session-terminate', j.sid);
        t.reason = { condition: 'security-error', text: 'Rejecting session-initiate from non-focus.' };
        this.xmpp.send(el('iq', { xmlns: NS.client, type: 'set', to: from }, [buildJingle(t)]));
        return;
      }
      if (this.session && this.session.pc.connectionState !== 'closed') {
        this.reply(iq, { type: 'cancel', condition: 'service-unavailable' });
        return;
      }
      this.reply(iq);
      this.startSession(j);
      return;
    }
    if (!this.session || this.session.sid !== j.sid || !fromFocus) {
      this.reply(iq, { type: 'cancel', condition: 'item-not-found', jingleError: 'unknown-session' });
      return;
    }
    this.reply(iq);
    switch (j.action) {
      case 'source-add': void this.session.handleSourceAdd(j); break;
      case 'source-remove': void this.session.handleSourceRemove(j); break;
      case 'session-terminate':
        this.session.terminated(j.reason?.condition ?? '', j.reason?.text ?? '');
        this.session = null;
        break;
      case 'transport-info': break; // in-place ICE restart is optional; a full restart covers failures
      default: this.log(`jingle action ${j.action} not supported`);
    }
  }

  private startSession(offer: Jingle): void {
    this.bridge?.close();
    this.bridge = null;
    this.session = new JingleSession(offer.sid, {
      endpointId: this.state.endpointId,
      roomJid: this.state.roomJid,
      focusOccupant: `${this.state.roomJid}/focus`,
      simulcast: this.config.simulcast,
      sendIq: (x) => this.xmpp.sendIq(x),
      onRemoteTrack: (info, track) => this.onRemoteTrack(info, track),
      onSourcesChanged: () => this.sourcesChanged(),
      onIceState: (s) => { this.state.ice = s; this.changed(); },
      onSessionReady: (pc, o) => this.openBridgeChannel(pc, o),
      onTerminated: (reason, text) => this.log(`session terminated by the focus: ${reason} ${text}`),
      log: (m, ...a) => this.log(m, ...a),
    }, { audio: this.media.audio, video: this.media.screen ?? this.media.video, stream: this.media.stream });
    if (this.media.screen) this.session.videoType = 'desktop';
    void this.session.handleInitiate(offer);
  }

  private openBridgeChannel(pc: RTCPeerConnection, offer: Jingle): void {
    const sctp = offer.contents.filter((c) => c.name === 'data').length === 1;
    const ws = offer.contents.flatMap((c) => c.transport?.webSockets ?? [])[0];
    const wsUrl = ws ? colibriWebSocketUrl(ws, this.config.colibriWsSameOrigin ? location.origin : null) : null;
    if (sctp && (this.config.preferSctp || !wsUrl)) this.bridge = BridgeChannel.overDataChannel(pc);
    else if (wsUrl) this.bridge = BridgeChannel.overWebSocket(wsUrl);
    else return;
    this.state.bridgeChannel = this.bridge.mode;
    this.bridge.onOpen = () => {
      if (this.media.screen) this.bridge?.send(buildSourceVideoType(sourceName(this.state.endpointId, 'video'), 'desktop'));
      this.sendVideoConstraints();
    };
    this.bridge.onMessage = (m) => {
      switch (m.kind) {
        case 'DominantSpeaker': this.state.dominantSpeaker = m.endpoint; this.changed(); break;
        case 'ForwardedSources': this.state.forwardedSources = new Set(m.sources); this.changed(); break;
        case 'EndpointMessage': this.log('endpoint message', m.from, m.payload); break;
        default: break;
      }
    };
  }

  private onRemoteTrack(info: RemoteSourceInfo, track: MediaStreamTrack): void {
    const p = this.state.participants.get(info.owner);
    if (p) p.tracks.set(info.name || `${info.owner}-${info.media}`, track);
    this.pendingTracks.set(info.mid, { info, track });
    track.onunmute = () => this.changed();
    track.onmute = () => this.changed();
    this.changed();
  }

  /** Tracks by mid, re-bound to owners whenever sources change (m-lines are reused). */
  private pendingTracks = new Map<string, { info: RemoteSourceInfo; track: MediaStreamTrack }>();

  private sourcesChanged(): void {
    if (!this.session) return;
    for (const p of this.state.participants.values()) p.tracks.clear();
    for (const info of this.session.remote.sources()) {
      const t = this.session.pc.getTransceivers().find((x) => x.mid === info.mid);
      const p = this.state.participants.get(info.owner);
      if (t && p) p.tracks.set(info.name || `${info.owner}-${info.media}`, t.receiver.track);
    }
    this.sendVideoConstraints();
    this.changed();
  }

  /** Called by the UI with the visible tiles' heights. */
  setVisibleTiles(tiles: TileRequest[]): void {
    const same = tiles.length === this.tiles.length && tiles.every((t, i) => t.sourceName === this.tiles[i].sourceName && t.height === this.tiles[i].height);
    this.tiles = tiles;
    if (!same) this.sendVideoConstraints();
  }

  private sendVideoConstraints(): void {
    const onStage = this.state.dominantSpeaker ? [sourceName(this.state.dominantSpeaker, 'video')] : [];
    this.bridge?.send(buildReceiverVideoConstraints(this.tiles, { lastN: this.config.lastN, onStage: this.tiles.length === 1 ? onStage : [] }));
  }

  setAudioMuted(muted: boolean): void {
    this.media.setAudioMuted(muted);
    this.sendPresence();
    this.changed();
  }

  setVideoMuted(muted: boolean): void {
    this.media.setVideoMuted(muted);
    this.sendPresence();
    this.changed();
  }

  async replaceCamera(deviceId: string): Promise<void> {
    const t = await this.media.openCamera(deviceId);
    if (!this.media.screen) this.session?.replaceVideoTrack(t, 'camera');
    this.changed();
  }

  async replaceMic(deviceId: string): Promise<void> {
    const t = await this.media.openMic(deviceId);
    this.session?.replaceAudioTrack(t);
    this.changed();
  }

  /** Screen share replaces the camera on '<ep>-v0' with videoType desktop (SourceInfo + bridge). */
  async toggleScreenShare(): Promise<void> {
    const v0 = sourceName(this.state.endpointId, 'video');
    if (this.media.screen) {
      this.media.stopScreen();
      this.session?.replaceVideoTrack(this.media.video, 'camera');
      this.bridge?.send(buildSourceVideoType(v0, 'camera'));
    } else {
      let track: MediaStreamTrack;
      try {
        track = await this.media.startScreen();
      } catch {
        return; // the user cancelled the picker
      }
      track.onended = () => { if (this.media.screen === track) void this.toggleScreenShare(); };
      this.session?.replaceVideoTrack(track, 'desktop');
      this.bridge?.send(buildSourceVideoType(v0, 'desktop'));
    }
    this.sendPresence();
    this.changed();
  }

  toggleRaisedHand(): void {
    this.state.raisedHand = this.state.raisedHand ? undefined : Date.now();
    this.sendPresence();
    this.changed();
  }

  /** Asks the focus for a new session (the UI's "retry" after an ICE failure). */
  retryMedia(): void {
    this.session?.requestRestart();
    this.session = null;
    this.changed();
  }

  leave(): void {
    clearTimeout(this.retryTimer);
    this.session?.terminate('success', '', false);
    this.session = null;
    this.bridge?.close();
    if (this.xmpp.connected) this.xmpp.send(el('presence', { xmlns: NS.client, to: `${this.state.roomJid}/${this.state.endpointId}`, type: 'unavailable' }));
    this.xmpp.disconnect();
    this.media.stop();
    this.state.phase = 'left';
    this.changed();
  }

  /** Per remote source: frames decoded (video) or packets received (audio), from getStats. */
  async stats(): Promise<Record<string, { kind: string; owner: string; framesDecoded?: number; packetsReceived?: number; bytesReceived?: number }>> {
    const out: Record<string, { kind: string; owner: string; framesDecoded?: number; packetsReceived?: number; bytesReceived?: number }> = {};
    if (!this.session) return out;
    const sources = this.session.remote.sources();
    const report = await this.session.pc.getStats();
    report.forEach((r) => {
      if (r.type !== 'inbound-rtp') return;
      const info = sources.find((s) => s.ssrcs.includes(r.ssrc)) ?? sources.find((s) => s.mid === r.mid);
      if (!info) return;
      const key = info.name || `${info.owner}-${info.media}`;
      const prev = out[key];
      out[key] = {
        kind: info.media, owner: info.owner,
        framesDecoded: (prev?.framesDecoded ?? 0) + (r.framesDecoded ?? 0),
        packetsReceived: (prev?.packetsReceived ?? 0) + (r.packetsReceived ?? 0),
        bytesReceived: (prev?.bytesReceived ?? 0) + (r.bytesReceived ?? 0),
      };
    });
    return out;
  }
}
