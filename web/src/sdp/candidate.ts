// ICE candidate attribute values (RFC 8839 section 5.1): "a=candidate:<value>".

export interface Candidate {
  foundation: string;
  component: number;
  transport: string; // udp, tcp (case as written)
  priority: number;
  address: string;
  port: number;
  type: string; // host, srflx, prflx, relay
  relAddr?: string;
  relPort?: number;
  tcptype?: string;
  generation?: number;
  /** Other "key value" extension pairs in their order (network-id, network-cost, ufrag, ...). */
  extensions: [string, string][];
}

const kMaxExtensions = 16;

function parseUint(s: string | undefined, max: number): number | undefined {
  if (s === undefined || !/^\d{1,10}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= max ? n : undefined;
}

/** Parses "<foundation> <component> <transport> <priority> <ip> <port> typ <type> ..." (with or without "candidate:"). */
export function parseCandidate(text: string): Candidate | string {
  const value = text.startsWith('candidate:') ? text.slice('candidate:'.length) : text;
  const t = value.trim().split(/\s+/);
  if (t.length < 8 || t[6] !== 'typ') return 'candidate needs 8 fields with "typ"';
  const component = parseUint(t[1], 256);
  const priority = parseUint(t[3], 0xffffffff);
  const port = parseUint(t[5], 65535);
  if (!t[0] || component === undefined || component === 0) return 'bad candidate component';
  if (priority === undefined) return 'bad candidate priority';
  if (port === undefined) return 'bad candidate port';
  const c: Candidate = {
    foundation: t[0], component, transport: t[2], priority, address: t[4], port, type: t[7], extensions: [],
  };
  for (let i = 8; i + 1 < t.length; i += 2) {
    const [k, v] = [t[i], t[i + 1]];
    if (k === 'raddr') c.relAddr = v;
    else if (k === 'rport') {
      c.relPort = parseUint(v, 65535);
      if (c.relPort === undefined) return 'bad candidate rport';
    } else if (k === 'tcptype') c.tcptype = v;
    else if (k === 'generation') {
      c.generation = parseUint(v, 0xffffffff);
      if (c.generation === undefined) return 'bad candidate generation';
    } else if (c.extensions.length < kMaxExtensions) c.extensions.push([k, v]);
  }
  return c;
}

export function candidateToString(c: Candidate): string {
  let s = `${c.foundation} ${c.component} ${c.transport} ${c.priority} ${c.address} ${c.port} typ ${c.type}`;
  if (c.relAddr !== undefined && c.relPort !== undefined) s += ` raddr ${c.relAddr} rport ${c.relPort}`;
  if (c.tcptype !== undefined) s += ` tcptype ${c.tcptype}`;
  if (c.generation !== undefined) s += ` generation ${c.generation}`;
  for (const [k, v] of c.extensions) s += ` ${k} ${v}`;
  return s;
}
