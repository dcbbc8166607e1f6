// The JVB Jingle session with the focus (jitsi-protocol.md section 2): session-initiate ->
// remote SDP -> RTCPeerConnection (unified plan, BUNDLE) -> answer -> session-accept; trickled
// transport-info; source-add/remove from the focus; session-terminate; restart request on ICE failure.

import { NS } from '../xml/namespaces';
import { type XmlElement, el } from '../xml/xml_element';
import { type Jingle, buildJingle, newJingle } from './jingle_model';
import { RemoteSdp, type RemoteSourceInfo } from './remote_sdp';
import { type SimulcastSsrcs, mungeLocalAnswer } from './local_sdp';
import { candidateToJingle, sdpToJingle } from '../sdp/jingle_sdp';
import { parseCandidate } from '../sdp/candidate';
import { parseSdp, writeSdp } from '../sdp/session_description';

export interface LocalTracks { audio: MediaStreamTrack | null; video: MediaStreamTrack | null; stream: MediaStream }

export interface JingleSessionHost {
  endpointId: string;
  roomJid: string;
  focusOccupant: string; // room@muc/focus
  simulcast: boolean;
  sendIq(iq: XmlElement): Promise<XmlElement>;
  onRemoteTrack(info: RemoteSourceInfo, track: MediaStreamTrack): void;
  onSourcesChanged(): void;
  onIceState(state: RTCIceConnectionState): void;
  onSessionReady(pc: RTCPeerConnection, offer: Jingle): void;
  onTerminated(reason: string, text: string): void;
  log(msg: string, ...args: unknown[]): void;
}

export class JingleSession {
  readonly pc: RTCPeerConnection;
  remote!: RemoteSdp;
  private queue: Promise<void> = Promise.resolve();
  private accepted = false;
  private pendingCandidates: RTCIceCandidate[] = [];
  private simulcastState = new Map<number, SimulcastSsrcs>();
  private iceFailedTimer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;
  bridgeSessionId = '';
  videoType: 'camera' | 'desktop' = 'camera';

  constructor(readonly sid: string, private host: JingleSessionHost, private local: LocalTracks) {
    this.pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this.pc.onicecandidate = (e) => { if (e.candidate) this.trickle(e.candidate); };
    this.pc.oniceconnectionstatechange = () => this.iceStateChanged();
    this.pc.ontrack = (e) => {
      const mid = e.transceiver.mid;
      const info = this.remote?.sources().find((s) => s.mid === mid);
      if (info) host.onRemoteTrack(info, e.track);
    };
  }

  /** Serialises offer/answer work: each step waits for the previous one. */
  private enqueue(what: string, fn: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(fn).catch((e) => this.host.log(`${what} failed`, e));
    return this.queue;
  }

  private jingleIq(j: Jingle): XmlElement {
    j.sid = this.sid;
    j.initiator = this.host.focusOccupant;
    return el('iq', { xmlns: NS.client, type: 'set', to: this.host.focusOccupant }, [buildJingle(j)]);
  }

  handleInitiate(offer: Jingle): Promise<void> {
    this.bridgeSessionId = offer.bridgeSession?.id ?? '';
    return this.enqueue('session-initiate', async () => {
      this.remote = new RemoteSdp(offer);
      this.host.onSessionReady(this.pc, offer);
      await this.pc.setRemoteDescription({ type: 'offer', sdp: this.remote.text() });
      this.attachLocalTracks();
      const answer = await this.answer();
      const accept = sdpToJingle(answer, 'session-accept', { initialLastN: -1 });
      accept.responder = `${this.host.roomJid}/${this.host.endpointId}`;
      await this.host.sendIq(this.jingleIq(accept));
      this.accepted = true;
      for (const c of this.pendingCandidates.splice(0)) this.trickle(c);
      this.host.onSourcesChanged();
    });
  }

  /** Local audio on the first audio m-line, camera on the first video m-line; the rest receive only. */
  private attachLocalTracks(): void {
    const firstMid: Record<string, string> = {};
    for (const m of this.remote.sdp.media) if (!(m.media in firstMid)) firstMid[m.media] = m.mid;
    for (const t of this.pc.getTransceivers()) {
      const kind = t.receiver.track.kind;
      if (t.mid === firstMid[kind] && (kind === 'audio' || kind === 'video')) {
        const track = kind === 'audio' ? this.local.audio : this.local.video;
        t.direction = 'sendrecv';
        void t.sender.replaceTrack(track);
        t.sender.setStreams(this.local.stream);
      } else if (t.mid !== null && t.currentDirection !== 'stopped') {
        t.direction = 'recvonly';
      }
    }
  }

  /** Creates and applies the (simulcast-munged) answer; returns the SDP with source names for Jingle. */
  private async answer() {
    const a = await this.pc.createAnswer();
    const parsed = parseSdp(a.sdp ?? '');
    if (!parsed.ok) throw new Error(`browser answer unparsable: ${parsed.error} at line ${parsed.line}`);
    const applied = parsed.sdp;
    mungeLocalAnswer(applied, { endpointId: this.host.endpointId, simulcast: this.host.simulcast, simulcastState: this.simulcastState, names: false });
    try {
      await this.pc.setLocalDescription({ type: 'answer', sdp: writeSdp(applied) });
    } catch (e) {
      this.host.log('munged answer refused, using the plain one', e);
      this.simulcastState.clear();
      await this.pc.setLocalDescription(a);
      const plain = parseSdp(a.sdp ?? '');
      if (plain.ok) Object.assign(applied, plain.sdp);
    }
    const report = structuredClone(applied);
    mungeLocalAnswer(report, { endpointId: this.host.endpointId, simulcast: false, simulcastState: this.simulcastState, videoType: this.videoType });
    return report;
  }

  private renegotiate(what: string, edit: () => number): Promise<void> {
    return this.enqueue(what, async () => {
      if (!edit()) return;
      await this.pc.setRemoteDescription({ type: 'offer', sdp: this.remote.text() });
      this.attachLocalTracks();
      await this.answer();
      this.host.onSourcesChanged();
    });
  }

  handleSourceAdd(j: Jingle): Promise<void> {
    return this.renegotiate('source-add', () => this.remote.addSources(j));
  }

  handleSourceRemove(j: Jingle): Promise<void> {
    return this.renegotiate('source-remove', () => this.remote.removeSources(j));
  }

  /** The focus does not send source-remove when an occupant leaves; we drop its sources ourselves. */
  removeParticipant(endpointId: string): Promise<void> {
    return this.renegotiate('occupant left', () => this.remote.removeOwner(endpointId));
  }

  private trickle(c: RTCIceCandidate): void {
    if (!this.accepted) {
      this.pendingCandidates.push(c);
      return;
    }
    const parsed = parseCandidate(c.candidate);
    if (typeof parsed === 'string') return;
    const local = parseSdp(this.pc.localDescription?.sdp ?? '');
    const m = local.ok ? local.sdp.media.find((x) => x.mid === c.sdpMid) ?? local.sdp.media[0] : undefined;
    const j = newJingle('transport-info');
    j.contents.push({
      creator: 'initiator', name: c.sdpMid ?? '0', senders: '',
      transport: {
        ufrag: m?.iceUfrag ?? '', pwd: m?.icePwd ?? '', candidates: [candidateToJingle(parsed)], webSockets: [],
        fingerprints: (m?.fingerprints ?? []).map((f) => ({ hash: f.hash, value: f.value, setup: m?.setup ?? 'active', cryptex: false })),
      },
    });
    this.host.sendIq(this.jingleIq(j)).catch((e) => this.host.log('transport-info failed', e));
  }

  private iceStateChanged(): void {
    const s = this.pc.iceConnectionState;
    this.host.onIceState(s);
    clearTimeout(this.iceFailedTimer);
    if (s === 'failed') {
      // LJM waits 2 s, then asks the focus for a new session (jitsi-protocol.md 2.6).
      this.iceFailedTimer = setTimeout(() => this.requestRestart(), 2000);
    }
  }

  /** session-terminate with bridge-session restart='true': the focus re-invites with a new session. */
  requestRestart(): void {
    this.terminate('connectivity-error', 'ICE FAILED', true);
  }

  terminate(condition = 'success', text = '', restart = false): void {
    if (this.ended) return;
    this.ended = true;
    const j = newJingle('session-terminate');
    j.reason = { condition, text };
    j.bridgeSession = { id: this.bridgeSessionId, restart };
    this.host.sendIq(this.jingleIq(j)).catch((e) => this.host.log('session-terminate failed', e));
    this.close();
  }

  /** The focus ended the session. */
  terminated(reason: string, text: string): void {
    this.ended = true;
    this.close();
    this.host.onTerminated(reason, text);
  }

  replaceVideoTrack(track: MediaStreamTrack | null, videoType: 'camera' | 'desktop'): void {
    this.videoType = videoType;
    this.local.video = track;
    const first = this.remote?.sdp.media.find((m) => m.media === 'video');
    const t = this.pc.getTransceivers().find((x) => x.mid === first?.mid);
    void t?.sender.replaceTrack(track);
  }

  replaceAudioTrack(track: MediaStreamTrack | null): void {
    this.local.audio = track;
    const first = this.remote?.sdp.media.find((m) => m.media === 'audio');
    const t = this.pc.getTransceivers().find((x) => x.mid === first?.mid);
    void t?.sender.replaceTrack(track);
  }

  close(): void {
    clearTimeout(this.iceFailedTimer);
    try {
      this.pc.close();
    } catch {
      /* already closed */
    }
  }
}
