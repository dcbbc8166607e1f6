// window.meetTest for end-to-end tests: state() is a JSON-friendly snapshot, stats() reads getStats
// per remote source (framesDecoded for video, packetsReceived for audio).
import type { Conference } from './conference/conference';

export interface MeetTestHook {
  state(): unknown;
  stats(): Promise<unknown>;
}

export function installTestHook(get: () => Conference | null, screen: () => string): void {
  const hook: MeetTestHook = {
    state() {
      const c = get();
      if (!c) return { screen: screen() };
      const s = c.state;
      return {
        screen: screen(),
        phase: s.phase,
        error: s.error,
        connection: s.connection,
        transport: c.xmpp.transport,
        ice: s.ice,
        endpointId: s.endpointId,
        room: s.roomJid,
        bridgeChannel: s.bridgeChannel,
        bridgeChannelOpen: c.bridge?.open ?? false,
        dominantSpeaker: s.dominantSpeaker,
        audioMuted: c.media.audioMuted,
        videoMuted: c.media.videoMuted,
        participants: [...s.participants.values()].map((p) => ({
          id: p.id, displayName: p.displayName, role: p.role, audioMuted: p.audioMuted, videoMuted: p.videoMuted,
          raisedHand: !!p.raisedHand, screenSharing: p.screenSharing, sources: [...p.tracks.keys()],
        })),
        chat: s.chat.map((m) => ({ from: m.from, body: m.body, private: m.private })),
      };
    },
    async stats() {
      const c = get();
      return c ? c.stats() : {};
    },
  };
  (window as unknown as { meetTest: MeetTestHook }).meetTest = hook;
}
