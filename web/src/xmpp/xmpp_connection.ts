// The XMPP connection: Strophe over WebSocket (/xmpp-websocket, with XEP-0198 stream management
// and resumption) falling back to BOSH (/http-bind); anonymous login to the configured domain.
// Stanzas cross this boundary as XmlElement (see xml_element.ts).

import { Strophe } from 'strophe.js';
import { type XmlElement, el, fromDom, serializeXml } from '../xml/xml_element';
import { NS } from '../xml/namespaces';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed';
type StanzaKind = 'iq' | 'message' | 'presence';

export class IqError extends Error {
  constructor(public condition: string, public stanza: XmlElement | null) {
    super(`IQ failed: ${condition}`);
  }
}

function toDom(x: XmlElement): Element {
  return new DOMParser().parseFromString(serializeXml(x), 'text/xml').documentElement;
}

export class XmppConnection {
  private conn: InstanceType<typeof Strophe.Connection> | null = null;
  private listeners = new Map<StanzaKind, ((x: XmlElement) => void)[]>();
  private stateListeners: ((s: ConnectionState, detail?: string) => void)[] = [];
  private wantConnected = false;
  private reconnectAttempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  jid = '';
  transport: 'websocket' | 'bosh' | '' = '';
  /** Called after a reconnect that did not resume the old session (rooms must be re-joined). */
  onFreshSession: (() => void) | null = null;

  constructor(private websocketUrl: string, private boshUrl: string, private domain: string, private preferBosh = false) {}

  on(kind: StanzaKind, fn: (x: XmlElement) => void): void {
    this.listeners.set(kind, [...(this.listeners.get(kind) ?? []), fn]);
  }

  onState(fn: (s: ConnectionState, detail?: string) => void): void {
    this.stateListeners.push(fn);
  }

  private emit(s: ConnectionState, detail?: string): void {
    for (const f of this.stateListeners) f(s, detail);
  }

  /** Connects (WebSocket first unless BOSH is preferred); resolves with the bound JID. */
  async connect(): Promise<string> {
    this.wantConnected = true;
    this.emit('connecting');
    const order: ('websocket' | 'bosh')[] = this.preferBosh || !this.websocketUrl ? ['bosh'] : ['websocket', 'bosh'];
    let lastError = '';
    for (const t of order) {
      try {
        const jid = await this.connectWith(t);
        this.emit('connected');
        return jid;
      } catch (e) {
        lastError = (e as Error).message;
      }
    }
    this.emit('failed', lastError);
    throw new Error(lastError || 'could not connect');
  }

  private connectWith(transport: 'websocket' | 'bosh'): Promise<string> {
    const url = transport === 'websocket' ? this.websocketUrl : this.boshUrl;
    const conn = new Strophe.Connection(url, transport === 'websocket' ? { enableStreamManagement: true, streamManagement: { maxUnacked: 5 } } : {});
    return new Promise((resolve, reject) => {
      let settled = false;
      conn.connect(this.domain, '', (status: number, condition?: string | null) => {
        if (status === Strophe.Status.CONNECTED || status === Strophe.Status.ATTACHED) {
          if (!settled) {
            settled = true;
            this.adopt(conn, transport);
            resolve(this.jid);
          } else {
            // reconnected by Strophe itself
            this.emit('connected');
          }
        } else if (status === Strophe.Status.CONNFAIL || status === Strophe.Status.AUTHFAIL || status === Strophe.Status.ERROR || status === Strophe.Status.CONNTIMEOUT) {
          if (!settled) {
            settled = true;
            reject(new Error(`${transport}: ${condition || 'connection failed'}`));
          }
        } else if (status === Strophe.Status.DISCONNECTED) {
          if (!settled) {
            settled = true;
            reject(new Error(`${transport}: disconnected (${condition || 'no answer'})`));
          } else if (this.conn === conn) {
            this.onDropped();
          }
        }
      });
    });
  }

  private adopt(conn: InstanceType<typeof Strophe.Connection>, transport: 'websocket' | 'bosh'): void {
    this.conn = conn;
    this.transport = transport;
    this.jid = conn.jid ?? '';
    this.reconnectAttempt = 0;
    for (const kind of ['iq', 'message', 'presence'] as StanzaKind[]) {
      conn.addHandler((stanza: Element) => {
        const x = fromDom(stanza as never);
        if (x) {
          if (kind === 'iq') this.answerPing(x);
          for (const f of this.listeners.get(kind) ?? []) {
            try {
              f(x);
            } catch (e) {
              console.error('stanza handler failed', e);
            }
          }
        }
        return true;
      }, null, kind, null);
    }
  }

  private answerPing(x: XmlElement): void {
    if (x.attrs.type === 'get' && x.children.some((c) => c.name === 'ping' && c.ns === NS.ping)) {
      this.send(el('iq', { xmlns: NS.client, type: 'result', to: x.attrs.from, id: x.attrs.id }));
    }
  }

  private onDropped(): void {
    this.conn = null;
    if (!this.wantConnected) {
      this.emit('disconnected');
      return;
    }
    this.emit('reconnecting');
    const delay = Math.min(30000, 1000 * 2 ** this.reconnectAttempt++);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(async () => {
      try {
        await this.connect();
        if (!this.conn?.hasResumed?.()) this.onFreshSession?.();
      } catch {
        this.onDropped();
      }
    }, delay);
  }

  get connected(): boolean {
    return this.conn !== null;
  }

  send(x: XmlElement): void {
    this.conn?.send(toDom(x));
  }

  /** Sends an IQ and resolves with the result; rejects with IqError (error or timeout). */
  sendIq(x: XmlElement, timeoutMs = 15000): Promise<XmlElement> {
    return new Promise((resolve, reject) => {
      const conn = this.conn;
      if (!conn) {
        reject(new IqError('not-connected', null));
        return;
      }
      conn.sendIQ(toDom(x), (res: Element) => {
        const r = fromDom(res as never);
        if (r) resolve(r);
        else reject(new IqError('malformed', null));
      }, (err: Element | null) => {
        const e = err ? fromDom(err as never) : null;
        const cond = e?.children.find((c) => c.name === 'error')?.children.find((c) => c.name !== 'text')?.name ?? (err ? 'error' : 'timeout');
        reject(new IqError(cond, e));
      }, timeoutMs);
    });
  }

  disconnect(): void {
    this.wantConnected = false;
    clearTimeout(this.reconnectTimer);
    this.conn?.disconnect('leaving');
  }
}
