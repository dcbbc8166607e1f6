// Local camera/microphone: device lists, getUserMedia with a chosen device, mute = track.enabled,
// screen capture. A denied camera falls back to audio only (or nothing) instead of failing.

export interface Devices { cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[]; speakers: MediaDeviceInfo[] }

export class LocalMedia {
  stream = new MediaStream();
  audio: MediaStreamTrack | null = null;
  video: MediaStreamTrack | null = null; // the camera
  screen: MediaStreamTrack | null = null;
  audioMuted = false;
  videoMuted = false;
  cameraError = '';
  micError = '';
  cameraId = '';
  micId = '';

  async devices(): Promise<Devices> {
    const all = await navigator.mediaDevices?.enumerateDevices?.() ?? [];
    return {
      cameras: all.filter((d) => d.kind === 'videoinput'),
      microphones: all.filter((d) => d.kind === 'audioinput'),
      speakers: all.filter((d) => d.kind === 'audiooutput'),
    };
  }

  /** Opens camera and microphone separately so that one failing keeps the other. */
  async start(wantVideo = true, wantAudio = true): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) {
      this.cameraError = this.micError = 'This browser cannot capture media (is the page served over https or localhost?)';
      return;
    }
    if (wantAudio) await this.openMic(this.micId);
    if (wantVideo) await this.openCamera(this.cameraId);
  }

  async openCamera(deviceId: string): Promise<MediaStreamTrack | null> {
    try {
      const s = await navigator.mediaDevices.getUserMedia({
        video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
      });
      const t = s.getVideoTracks()[0] ?? null;
      this.setTrack('video', t);
      this.cameraId = t?.getSettings().deviceId ?? deviceId;
      this.cameraError = '';
      return t;
    } catch (e) {
      this.cameraError = describeMediaError(e, 'camera');
      return null;
    }
  }

  async openMic(deviceId: string): Promise<MediaStreamTrack | null> {
    try {
      const s = await navigator.mediaDevices.getUserMedia({
        audio: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
      const t = s.getAudioTracks()[0] ?? null;
      this.setTrack('audio', t);
      this.micId = t?.getSettings().deviceId ?? deviceId;
      this.micError = '';
      return t;
    } catch (e) {
      this.micError = describeMediaError(e, 'microphone');
      return null;
    }
  }

  private setTrack(kind: 'audio' | 'video', t: MediaStreamTrack | null): void {
    const old = kind === 'audio' ? this.audio : this.video;
    if (old) {
      this.stream.removeTrack(old);
      old.stop();
    }
    if (t) {
      this.stream.addTrack(t);
      t.enabled = !(kind === 'audio' ? this.audioMuted : this.videoMuted);
    }
    if (kind === 'audio') this.audio = t;
    else this.video = t;
  }

  setAudioMuted(muted: boolean): void {
    this.audioMuted = muted;
    if (this.audio) this.audio.enabled = !muted;
  }

  setVideoMuted(muted: boolean): void {
    this.videoMuted = muted;
    if (this.video) this.video.enabled = !muted;
  }

  async startScreen(): Promise<MediaStreamTrack> {
    const s = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
    this.screen = s.getVideoTracks()[0];
    this.screen.contentHint = 'detail';
    return this.screen;
  }

  stopScreen(): void {
    this.screen?.stop();
    this.screen = null;
  }

  stop(): void {
    for (const t of [this.audio, this.video, this.screen]) t?.stop();
    this.audio = this.video = this.screen = null;
    this.stream = new MediaStream();
  }
}

export function describeMediaError(e: unknown, what: string): string {
  const name = (e as { name?: string })?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return `Access to the ${what} was denied`;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return `No ${what} found`;
  if (name === 'NotReadableError') return `The ${what} is in use by another application`;
  return `Could not open the ${what}`;
}

/** Codec preference list advertised in presence (jitsi_participant_codecList). */
export function supportedCodecList(): string[] {
  const caps = typeof RTCRtpReceiver !== 'undefined' ? RTCRtpReceiver.getCapabilities?.('video') : null;
  const have = new Set((caps?.codecs ?? []).map((c) => c.mimeType.toLowerCase().replace('video/', '')));
  const pref = ['vp9', 'vp8', 'h264', 'av1'].filter((c) => have.size === 0 || have.has(c));
  return pref.includes('vp8') ? pref : [...pref, 'vp8'];
}
