// The pre-join screen: name, camera/mic preview with toggles, device selects, join button.
import { isValidRoomName } from '../config/config';
import type { LocalMedia } from '../media/local_media';
import { avatarColor, h, initials } from './dom';
import { icons } from './icons';

export interface PrejoinResult { name: string; room: string }

const kNameKey = 'meet.displayName';

export function showPrejoin(root: HTMLElement, room: string, media: LocalMedia, initialName: string): Promise<PrejoinResult> {
  return new Promise((resolve) => {
    const video = h('video', { class: 'preview-video', autoplay: true, muted: true, playsInline: true });
    const avatar = h('div', { class: 'preview-avatar' });
    const notice = h('div', { class: 'preview-notice' });
    const micBtn = h('button', { class: 'round-btn', type: 'button', title: 'Microphone' });
    const camBtn = h('button', { class: 'round-btn', type: 'button', title: 'Camera' });
    const camSel = h('select', { class: 'select', 'aria-label': 'Camera' });
    const micSel = h('select', { class: 'select', 'aria-label': 'Microphone' });
    const nameInput = h('input', { class: 'input', type: 'text', maxLength: 64, placeholder: 'Your name', value: initialName || localStorage.getItem(kNameKey) || '', autocomplete: 'name' });
    const roomInput = h('input', { class: 'input', type: 'text', maxLength: 64, placeholder: 'meeting-name', value: room });
    const roomError = h('div', { class: 'field-error' });
    const joinBtn = h('button', { class: 'primary-btn', type: 'submit' }, 'Join meeting');
    const level = h('div', { class: 'mic-level' }, h('span'));

    const refresh = () => {
      const hasVideo = !!media.video && !media.videoMuted;
      video.srcObject = media.video ? new MediaStream([media.video]) : null;
      video.classList.toggle('hidden', !hasVideo);
      avatar.classList.toggle('hidden', hasVideo);
      const name = nameInput.value.trim() || 'You';
      avatar.replaceChildren(h('div', { class: 'avatar avatar-xl', style: `background:${avatarColor(name)}` }, initials(name)));
      micBtn.innerHTML = media.audioMuted || !media.audio ? icons.micOff : icons.mic;
      micBtn.classList.toggle('off', media.audioMuted || !media.audio);
      camBtn.innerHTML = media.videoMuted || !media.video ? icons.camOff : icons.cam;
      camBtn.classList.toggle('off', media.videoMuted || !media.video);
      const problems = [media.cameraError, media.micError].filter(Boolean);
      notice.replaceChildren(...(problems.length ? [h('strong', {}, problems.join(' · ')), h('span', {}, media.audio || media.video ? ' You can still join.' : ' You can still join and listen.')] : []));
      notice.classList.toggle('hidden', problems.length === 0);
      joinBtn.textContent = media.video || media.audio ? 'Join meeting' : media.cameraError ? 'Join without camera' : 'Join meeting';
    };

    const fillDevices = async () => {
      const d = await media.devices();
      const opts = (list: MediaDeviceInfo[], current: string, label: string) =>
        list.length ? list.map((x, i) => h('option', { value: x.deviceId, selected: x.deviceId === current }, x.label || `${label} ${i + 1}`)) : [h('option', { value: '' }, `No ${label.toLowerCase()} found`)];
      camSel.replaceChildren(...opts(d.cameras, media.cameraId, 'Camera'));
      micSel.replaceChildren(...opts(d.microphones, media.micId, 'Microphone'));
    };

    micBtn.onclick = () => { media.setAudioMuted(!media.audioMuted); refresh(); };
    camBtn.onclick = async () => {
      if (!media.video) await media.openCamera(media.cameraId);
      else media.setVideoMuted(!media.videoMuted);
      refresh();
    };
    camSel.onchange = async () => { await media.openCamera(camSel.value); refresh(); };
    micSel.onchange = async () => { await media.openMic(micSel.value); refresh(); };
    nameInput.oninput = refresh;

    const form = h('form', { class: 'prejoin-form', novalidate: true },
      h('div', { class: 'eyebrow' }, room ? 'You are joining' : 'Start or join a meeting'),
      room ? h('h1', { class: 'room-title' }, room) : h('label', { class: 'field' }, h('span', {}, 'Meeting name'), roomInput, roomError),
      h('label', { class: 'field' }, h('span', {}, 'Your name'), nameInput),
      h('div', { class: 'device-row' },
        h('label', { class: 'field' }, h('span', {}, 'Camera'), camSel),
        h('label', { class: 'field' }, h('span', {}, 'Microphone'), micSel)),
      joinBtn,
      h('p', { class: 'fine-print' }, 'Anyone with the link can join. Your camera and microphone stay under your control.'));
    form.onsubmit = (e) => {
      e.preventDefault();
      const roomName = room || roomInput.value.trim().toLowerCase();
      if (!isValidRoomName(roomName)) {
        roomError.textContent = 'Use letters, digits, dots, dashes or underscores.';
        roomInput.focus();
        return;
      }
      const name = nameInput.value.trim() || 'Guest';
      localStorage.setItem(kNameKey, name);
      media.devices().then(() => {}, () => {});
      resolve({ name, room: roomName });
    };

    root.replaceChildren(h('div', { class: 'prejoin' },
      h('header', { class: 'brand' }, h('span', { html: icons.logo }), h('span', { class: 'brand-name' }, 'meet')),
      h('main', { class: 'prejoin-card' },
        h('section', { class: 'preview' }, video, avatar, notice,
          h('div', { class: 'preview-controls' }, micBtn, camBtn), level),
        form)));
    refresh();
    void media.start().then(async () => {
      refresh();
      await fillDevices();
      startLevelMeter(media, level.firstElementChild as HTMLElement);
    });
    nameInput.focus();
  });
}

/** A small microphone level bar (WebAudio analyser) so people see their mic works. */
function startLevelMeter(media: LocalMedia, bar: HTMLElement): void {
  if (!media.audio || typeof AudioContext === 'undefined') return;
  try {
    const ctx = new AudioContext();
    const src = ctx.createMediaStreamSource(new MediaStream([media.audio]));
    const an = ctx.createAnalyser();
    an.fftSize = 256;
    src.connect(an);
    const data = new Uint8Array(an.frequencyBinCount);
    const tick = () => {
      if (!bar.isConnected) { void ctx.close(); return; }
      an.getByteTimeDomainData(data);
      let peak = 0;
      for (const v of data) peak = Math.max(peak, Math.abs(v - 128));
      bar.style.width = `${Math.min(100, (peak / 64) * 100 * (media.audioMuted ? 0 : 1))}%`;
      requestAnimationFrame(tick);
    };
    tick();
  } catch {
    /* no level meter */
  }
}
