'use strict';
// The browser half of the Chromium interop test: one RTCPeerConnection that publishes the fake
// camera (VP8) and microphone (Opus) and opens a data channel the way lib-jitsi-meet's
// BridgeChannel does, towards our C++ WebRtcTransport. driver.mjs calls window.meetPeer.* through
// page.evaluate and receives events through window.meetEmit (page.exposeFunction).
//
// Events (all plain JSON objects with a "type"):
//   {type:'candidate', candidate, mid, mlineIndex}       trickled local candidate ('' = end)
//   {type:'state', what:'connection'|'ice'|'gathering'|'signaling'|'dtls', state}
//   {type:'datachannel-open', label, protocol, id}
//   {type:'datachannel-message', label, text} / {…, binary:true, base64}
//   {type:'datachannel-close', label} / {type:'datachannel-error', label, message}

(() => {
  // lib-jitsi-meet's BridgeChannel: createDataChannel('JVB data channel',
  //   { protocol: 'http://jitsi.org/protocols/colibri' }) — not negotiated, so it is opened with
  // DCEP (RFC 8832) over SCTP once DTLS is up.
  const kDataChannelLabel = 'JVB data channel';
  const kDataChannelProtocol = 'http://jitsi.org/protocols/colibri';

  let pc = null;
  let stream = null;
  let channel = null;
  const received = [];

  const statusEl = () => document.getElementById('status');
  function setStatus(text) {
    const el = statusEl();
    if (el) el.textContent = text;
  }
  function emit(event) {
    if (typeof window.meetEmit === 'function') window.meetEmit(event);
  }
  function describeState() {
    if (!pc) return 'no peer connection';
    return `connection=${pc.connectionState} ice=${pc.iceConnectionState} ` +
      `gathering=${pc.iceGatheringState} signaling=${pc.signalingState} ` +
      `datachannel=${channel ? channel.readyState : 'none'}`;
  }
  function refresh() {
    setStatus(describeState());
  }

  function waitForGatheringComplete(timeoutMs) {
    if (pc.iceGatheringState === 'complete') return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') {
          clearTimeout(timer);
          resolve(true);
        }
      });
    });
  }

  function watchDtls() {
    // RTCDtlsTransport of the (bundled) transport: its state is what "DTLS connected" means.
    const sender = pc.getSenders().find((s) => s.transport);
    const transport = sender ? sender.transport : (pc.sctp ? pc.sctp.transport : null);
    if (!transport || transport.meetWatched) return;
    transport.meetWatched = true;
    transport.addEventListener('statechange', () => {
      emit({ type: 'state', what: 'dtls', state: transport.state });
      refresh();
    });
    transport.addEventListener('error', (e) => {
      emit({ type: 'state', what: 'dtls-error', state: String(e.message || e.error || 'error') });
    });
  }

  function attachChannel(dc) {
    channel = dc;
    dc.binaryType = 'arraybuffer';
    dc.onopen = () => {
      emit({ type: 'datachannel-open', label: dc.label, protocol: dc.protocol, id: dc.id });
      refresh();
    };
    dc.onmessage = (e) => {
      if (typeof e.data === 'string') {
        received.push(e.data);
        emit({ type: 'datachannel-message', label: dc.label, text: e.data });
      } else {
        const bytes = new Uint8Array(e.data);
        let s = '';
        for (const b of bytes) s += String.fromCharCode(b);
        emit({ type: 'datachannel-message', label: dc.label, binary: true, base64: btoa(s) });
      }
    };
    dc.onclose = () => {
      emit({ type: 'datachannel-close', label: dc.label });
      refresh();
    };
    dc.onerror = (e) => emit({ type: 'datachannel-error', label: dc.label, message: String(e.error?.message || e) });
  }

  // Creates the connection and returns the offer SDP. With trickle, candidates are emitted as
  // they come and the offer carries none; without, the offer is taken after gathering completes
  // and carries every candidate.
  async function start({ trickle = false, audio = true, video = true, dataChannel = true,
    width = 640, height = 360, frameRate = 30, gatherTimeoutMs = 5000 } = {}) {
    if (pc) throw new Error('start() called twice');
    if (audio || video) {
      stream = await navigator.mediaDevices.getUserMedia({
        audio, video: video ? { width, height, frameRate } : false,
      });
      const local = document.getElementById('local');
      if (local) local.srcObject = stream;
    }
    // lib-jitsi-meet's JVB connection: max-bundle + rtcp-mux required, no STUN/TURN here.
    pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    pc.onicecandidate = (e) => {
      if (!trickle) return;
      if (e.candidate && e.candidate.candidate) {
        emit({ type: 'candidate', candidate: e.candidate.candidate, mid: e.candidate.sdpMid, mlineIndex: e.candidate.sdpMLineIndex });
      } else if (!e.candidate) {
        emit({ type: 'candidate', candidate: '', mid: null, mlineIndex: null });
      }
    };
    pc.onconnectionstatechange = () => {
      emit({ type: 'state', what: 'connection', state: pc.connectionState });
      refresh();
    };
    pc.oniceconnectionstatechange = () => {
      emit({ type: 'state', what: 'ice', state: pc.iceConnectionState });
      refresh();
    };
    pc.onicegatheringstatechange = () => {
      emit({ type: 'state', what: 'gathering', state: pc.iceGatheringState });
      refresh();
    };
    pc.onsignalingstatechange = () => refresh();
    pc.ondatachannel = (e) => attachChannel(e.channel);  // a channel the server opens
    if (stream) for (const track of stream.getTracks()) pc.addTrack(track, stream);
    if (dataChannel) attachChannel(pc.createDataChannel(kDataChannelLabel, { protocol: kDataChannelProtocol }));
    await pc.setLocalDescription();
    if (!trickle) {
      const complete = await waitForGatheringComplete(gatherTimeoutMs);
      if (!complete) throw new Error(`ICE gathering not complete after ${gatherTimeoutMs} ms (${describeState()})`);
    }
    refresh();
    return pc.localDescription.sdp;
  }

  async function setAnswer(sdp) {
    await pc.setRemoteDescription({ type: 'answer', sdp });
    watchDtls();
    refresh();
    return describeState();
  }

  async function addCandidate({ candidate, mid = null, mlineIndex = null }) {
    if (!candidate) {
      await pc.addIceCandidate(null);  // end of candidates
      return;
    }
    await pc.addIceCandidate({ candidate, sdpMid: mid, sdpMLineIndex: mid === null && mlineIndex === null ? 0 : mlineIndex });
  }

  function sendText(text) {
    if (!channel) throw new Error('no data channel');
    if (channel.readyState !== 'open') throw new Error(`data channel is ${channel.readyState}`);
    channel.send(text);
    return { label: channel.label, bufferedAmount: channel.bufferedAmount };
  }

  // A JSON summary of getStats(): what the browser thinks it sent and negotiated.
  async function stats() {
    const out = {
      connectionState: pc ? pc.connectionState : 'none',
      iceConnectionState: pc ? pc.iceConnectionState : 'none',
      iceGatheringState: pc ? pc.iceGatheringState : 'none',
      signalingState: pc ? pc.signalingState : 'none',
      dataChannelState: channel ? channel.readyState : 'none',
      dataChannelMessagesReceived: received.length,
      outbound: {},
      dataChannels: [],
    };
    if (!pc) return out;
    const report = await pc.getStats();
    const byId = new Map();
    report.forEach((s) => byId.set(s.id, s));
    report.forEach((s) => {
      if (s.type === 'outbound-rtp') {
        const codec = byId.get(s.codecId);
        const entry = {
          ssrc: s.ssrc,
          packetsSent: s.packetsSent,
          bytesSent: s.bytesSent,
          mimeType: codec ? codec.mimeType : null,
          payloadType: codec ? codec.payloadType : null,
        };
        if (s.kind === 'video') {
          Object.assign(entry, {
            framesEncoded: s.framesEncoded, keyFramesEncoded: s.keyFramesEncoded,
            frameWidth: s.frameWidth, frameHeight: s.frameHeight, encoderImplementation: s.encoderImplementation,
            pliCount: s.pliCount, firCount: s.firCount, nackCount: s.nackCount,
          });
        }
        out.outbound[s.kind] = entry;
      } else if (s.type === 'transport') {
        Object.assign(out, {
          dtlsState: s.dtlsState, dtlsRole: s.dtlsRole, tlsVersion: s.tlsVersion,
          dtlsCipher: s.dtlsCipher, srtpCipher: s.srtpCipher, iceState: s.iceState,
          transportBytesSent: s.bytesSent, transportBytesReceived: s.bytesReceived,
        });
        const pair = byId.get(s.selectedCandidatePairId);
        if (pair) {
          const l = byId.get(pair.localCandidateId);
          const r = byId.get(pair.remoteCandidateId);
          out.selectedPair = {
            local: l ? `${l.candidateType} ${l.address}:${l.port}/${l.protocol}` : null,
            remote: r ? `${r.candidateType} ${r.address}:${r.port}/${r.protocol}` : null,
            state: pair.state, nominated: pair.nominated,
          };
        }
      } else if (s.type === 'data-channel') {
        out.dataChannels.push({
          label: s.label, protocol: s.protocol, state: s.state, id: s.dataChannelIdentifier,
          messagesSent: s.messagesSent, messagesReceived: s.messagesReceived,
        });
      }
    });
    return out;
  }

  function close() {
    if (channel) channel.close();
    if (pc) pc.close();
    if (stream) for (const t of stream.getTracks()) t.stop();
    refresh();
  }

  window.meetPeer = { start, setAnswer, addCandidate, sendText, stats, close, describeState };
  setStatus('ready');
})();
