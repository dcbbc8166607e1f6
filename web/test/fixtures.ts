// Reads the language-neutral fixtures of tests/data/ (shared with the C++ signaling tests).
import { DOMParser } from '@xmldom/xmldom';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type XmlElement, child, fromDom } from '../src/xml/xml_element';

const kDataDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'data');

export function readData(rel: string): string {
  return readFileSync(join(kDataDir, rel), 'utf8');
}

export function parseXml(text: string): XmlElement {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  const e = fromDom(doc.documentElement as never);
  if (!e) throw new Error('XML too deep');
  return e;
}

export function readXml(rel: string): XmlElement {
  return parseXml(readData(rel));
}

/** The <jingle> child of an IQ fixture (or the element itself when it is <jingle>). */
export function readJingleXml(rel: string): XmlElement {
  const e = readXml(rel);
  if (e.name === 'jingle') return e;
  const j = child(e, 'jingle');
  if (!j) throw new Error(`${rel} has no <jingle>`);
  return j;
}
