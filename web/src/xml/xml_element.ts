// A small, DOM-free XML element model. Stanzas are built and parsed as XmlElement so that the
// protocol logic (Jingle, presence, conference IQ) is testable in Node without a browser DOM.
// fromDom() converts what Strophe hands us; serializeXml()/toDom() go the other way.

export interface XmlElement {
  name: string;
  /** Namespace URI (from an xmlns attribute or inherited); '' when unknown. */
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Bounds on untrusted stanzas converted from the DOM. */
export const kMaxXmlDepth = 64;
export const kMaxXmlChildren = 4096;

export function el(
  name: string,
  attrs: Record<string, string | number | boolean | undefined | null> = {},
  children: (XmlElement | string | null | undefined | false)[] = [],
): XmlElement {
  const out: XmlElement = { name, ns: '', attrs: {}, children: [], text: '' };
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'xmlns') out.ns = String(v);
    else out.attrs[k] = String(v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (typeof c === 'string') out.text += c;
    else out.children.push(c);
  }
  return out;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** Serialises with an xmlns attribute wherever the namespace differs from the parent's. */
export function serializeXml(e: XmlElement, parentNs = ''): string {
  let s = '<' + e.name;
  if (e.ns && e.ns !== parentNs) s += ` xmlns="${escapeXml(e.ns)}"`;
  for (const [k, v] of Object.entries(e.attrs)) s += ` ${k}="${escapeXml(v)}"`;
  const ns = e.ns || parentNs;
  if (e.children.length === 0 && e.text === '') return s + '/>';
  s += '>' + escapeXml(e.text);
  for (const c of e.children) s += serializeXml(c, ns);
  return s + `</${e.name}>`;
}

interface DomLike {
  nodeType: number;
  localName?: string | null;
  nodeName: string;
  namespaceURI?: string | null;
  attributes?: { length: number; item(i: number): { name: string; value: string; prefix?: string | null } | null };
  childNodes: { length: number; item(i: number): DomLike | null };
  nodeValue?: string | null;
}

/** Converts a DOM element (browser or @xmldom/xmldom). Returns null when it is too deep or wide. */
export function fromDom(node: DomLike, depth = 0): XmlElement | null {
  if (depth > kMaxXmlDepth) return null;
  const name = node.localName || node.nodeName;
  const out: XmlElement = { name, ns: node.namespaceURI || '', attrs: {}, children: [], text: '' };
  const attrs = node.attributes;
  if (attrs) {
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i);
      if (!a || a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
      out.attrs[a.name] = a.value;
    }
  }
  const kids = node.childNodes;
  if (kids.length > kMaxXmlChildren) return null;
  for (let i = 0; i < kids.length; i++) {
    const k = kids.item(i);
    if (!k) continue;
    if (k.nodeType === 1) {
      const c = fromDom(k, depth + 1);
      if (!c) return null;
      out.children.push(c);
    } else if (k.nodeType === 3 || k.nodeType === 4) {
      out.text += k.nodeValue ?? '';
    }
  }
  // Whitespace between child elements is formatting, not content.
  if (out.children.length > 0 && out.text.trim() === '') out.text = '';
  return out;
}

export function child(e: XmlElement | undefined | null, name: string, ns?: string): XmlElement | undefined {
  return e?.children.find((c) => c.name === name && (ns === undefined || c.ns === ns));
}

export function children(e: XmlElement | undefined | null, name: string, ns?: string): XmlElement[] {
  return e ? e.children.filter((c) => c.name === name && (ns === undefined || c.ns === ns)) : [];
}

export function childText(e: XmlElement | undefined | null, name: string, ns?: string): string | undefined {
  const c = child(e, name, ns);
  return c ? c.text : undefined;
}

/** Unsigned integer attribute in [0, max]; undefined when absent or malformed. */
export function uintAttr(e: XmlElement, name: string, max = 0xffffffff): number | undefined {
  const v = e.attrs[name];
  if (v === undefined || !/^\d{1,10}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= max ? n : undefined;
}
