// Dev-only ?demo=1: fills a Conference with fake participants (canvas-drawn video) so the meeting
// view can be looked at and screenshotted without a server.
import type { Conference, Participant } from '../conference/conference';
import { sourceName } from '../conference/presence';

const kPeople = [
  { id: '5e6f7a8b', name: 'Ada Lovelace', hue: 205, muted: false, video: true },
  { id: '9f8e7d6c', name: 'Alan Turing', hue: 150, muted: true, video: true },
  { id: '0a1b2c3d', name: 'Grace Hopper', hue: 28, muted: false, video: false, hand: true },
  { id: '3c4d5e6f', name: 'Linus Torvalds', hue: 265, muted: true, video: true },
  { id: '7a8b9c0d', name: 'Margaret Hamilton', hue: 340, muted: false, video: true },
];

function fakeCamera(name: string, hue: number): MediaStreamTrack | null {
  const c = document.createElement('canvas');
  c.width = 640;
  c.height = 360;
  const g = c.getContext('2d');
  if (!g || !c.captureStream) return null;
  let t = 0;
  const draw = () => {
    t += 1;
    const grad = g.createLinearGradient(0, 0, 640, 360);
    grad.addColorStop(0, `hsl(${hue} 45% 32%)`);
    grad.addColorStop(1, `hsl(${(hue + 40) % 360} 50% 18%)`);
    g.fillStyle = grad;
    g.fillRect(0, 0, 640, 360);
    // a soft "person" silhouette
    g.fillStyle = `hsl(${hue} 30% 70% / 0.9)`;
    g.beginPath();
    g.arc(320, 150 + Math.sin(t / 20) * 3, 62, 0, Math.PI * 2);
    g.fill();
    g.beginPath();
    g.ellipse(320, 360, 150, 120, 0, Math.PI, 0);
    g.fill();
    g.fillStyle = 'rgba(255,255,255,0.08)';
    g.fillRect(40, 40, 120, 200);
    g.font = '500 16px system-ui';
    g.fillStyle = 'rgba(255,255,255,0.35)';
    g.fillText(name.split(' ')[0].toLowerCase() + "'s room", 480, 40);
  };
  draw();
  setInterval(draw, 66);
  return c.captureStream(15).getVideoTracks()[0] ?? null;
}

export function fillDemo(conf: Conference): void {
  const s = conf.state;
  s.phase = 'joined';
  s.connection = 'connected';
  s.ice = 'connected';
  const now = Date.now();
  kPeople.forEach((p, i) => {
    const part: Participant = {
      id: p.id, displayName: p.name, role: i === 0 ? 'moderator' : 'participant', realJid: '', audioMuted: p.muted,
      videoMuted: !p.video, screenSharing: false, raisedHand: p.hand ? now : undefined, tracks: new Map(), joinedAt: now + i,
    };
    const v = p.video ? fakeCamera(p.name, p.hue) : null;
    if (v) part.tracks.set(sourceName(p.id, 'video'), v);
    s.participants.set(p.id, part);
  });
  s.dominantSpeaker = kPeople[0].id;
  s.chat.push(
    { from: kPeople[0].id, fromName: kPeople[0].name, to: '', body: 'Morning all! Shall we start with the release checklist?', timestamp: now - 240000, private: false, mine: false },
    { from: kPeople[4].id, fromName: kPeople[4].name, to: '', body: 'Yes, I have the notes from last week.', timestamp: now - 180000, private: false, mine: false },
    { from: kPeople[1].id, fromName: kPeople[1].name, to: s.endpointId, body: 'Can you share your screen after this?', timestamp: now - 60000, private: true, mine: false },
  );
  s.unreadRoom = 2;
  s.unreadPrivate.set(kPeople[1].id, 1);
}
