// The bridge channel (jitsi-protocol.md 4.1): the SCTP data channel 'JVB data channel' we open on
// the JVB PeerConnection, or the colibri-ws WebSocket advertised in the transport. JSON text both ways.

import { type BridgeMessage, buildClientHello, parseBridgeMessage } from './bridge_messages';

export const kDataChannelLabel = 'JVB data channel';
export const kDataChannelProtocol = 'http://jitsi.org/protocols/colibri';

export class BridgeChannel {
  private dc: RTCDataChannel | null = null;
  private ws: WebSocket | null = null;
  private wsUrl = '';
  private closed = false;
  private retryMs = 1000;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  mode: 'sctp' | 'websocket' | 'none' = 'none';
  open = false;
  onMessage: (m: BridgeMessage) => void = () => {};
  onOpen: () => void = () => {};

  static overDataChannel(pc: RTCPeerConnection): BridgeChannel {
    const b = new BridgeChannel();
    b.mode = 'sctp';
    b.attach(pc.createDataChannel(kDataChannelLabel, { protocol: kDataChannelProtocol }));
    return b;
  }

  static overWebSocket(url: string): BridgeChannel {
    const b = new BridgeChannel();
    b.mode = 'websocket';
    b.wsUrl = url;
    b.openWebSocket();
    return b;
  }

  private attach(dc: RTCDataChannel): void {
    this.dc = dc;
    dc.onopen = () => this.opened();
    dc.onclose = () => { this.open = false; };
    dc.onmessage = (e) => this.received(e.data);
  }

  private openWebSocket(): void {
    if (this.closed) return;
    const ws = new WebSocket(this.wsUrl);
    this.ws = ws;
    ws.onopen = () => { this.retryMs = 1000; this.opened(); };
    ws.onmessage = (e) => this.received(e.data);
    ws.onclose = () => {
      this.open = false;
      if (this.closed || this.ws !== ws) return;
      // LJM: reconnect with backoff 1 s doubling to 60 s.
      this.retryTimer = setTimeout(() => this.openWebSocket(), this.retryMs);
      this.retryMs = Math.min(60000, this.retryMs * 2);
    };
  }

  private opened(): void {
    this.open = true;
    this.send(buildClientHello());
    this.onOpen();
  }

  private received(data: unknown): void {
    if (typeof data !== 'string') return;
    const m = parseBridgeMessage(data);
    if (m) this.onMessage(m);
  }

  send(json: string): boolean {
    if (!this.open) return false;
    try {
      if (this.dc?.readyState === 'open') this.dc.send(json);
      else if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(json);
      else return false;
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.dc?.close();
    this.ws?.close(1000);
    this.open = false;
  }
}
