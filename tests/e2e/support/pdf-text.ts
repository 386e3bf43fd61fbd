// The text of a PDF as Chromium's `page.pdf()` writes it (Skia: Flate streams, Type0 and Type3 fonts, one glyph
// per `<hex> Tj`, each font with a ToUnicode CMap), in drawing order. Enough to ask "is this text in the PDF?";
// not a general PDF reader: whitespace between runs is not reconstructed, so compare without whitespace.
import { inflateSync } from 'node:zlib';

interface CMap {
  /** Bytes per character code (the codespace's). */
  bytes: number;
  map: Map<number, string>;
}

const hexToText = (hex: string) => {
  let text = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return text;
};

function parseCMap(source: string): CMap {
  const codespace = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(source);
  const map = new Map<number, string>();
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(parseInt(m[1] ?? '', 16), hexToText(m[2] ?? ''));
    }
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const from = parseInt(m[1] ?? '', 16);
      const to = parseInt(m[2] ?? '', 16);
      const start = parseInt(m[3] ?? '', 16);
      for (let code = from; code <= to; code++) map.set(code, String.fromCharCode(start + code - from));
    }
  }
  return { bytes: (codespace?.[1]?.length ?? 4) / 2, map };
}

export function pdfText(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2] ?? '');

  const streamOf = (number: number): string => {
    const body = objects.get(number) ?? '';
    const start = /stream\r?\n/.exec(body);
    const length = /\/Length (\d+)(?! \d+ R)/.exec(body);
    if (!start || !length) return '';
    const from = start.index + start[0].length;
    const data = Buffer.from(body.slice(from, from + Number(length[1])), 'latin1');
    return (/\/FlateDecode/.test(body.slice(0, start.index)) ? inflateSync(data) : data).toString('latin1');
  };

  const cmaps = new Map<number, CMap>();
  for (const [number, body] of objects) {
    const ref = /\/Type \/Font\b[\s\S]*?\/ToUnicode (\d+) 0 R/.exec(body);
    if (ref) cmaps.set(number, parseCMap(streamOf(Number(ref[1]))));
  }

  const pagesInOrder = (): number[] => {
    const root = [...objects.entries()].find(
      ([, body]) => /\/Type \/Pages\b/.test(body) && !/\/Parent/.test(body)
    );
    const walk = (number: number): number[] => {
      const body = objects.get(number) ?? '';
      if (!/\/Type \/Pages\b/.test(body)) return [number];
      const kids = /\/Kids \[([^\]]*)\]/.exec(body)?.[1] ?? '';
      return [...kids.matchAll(/(\d+) 0 R/g)].flatMap((m) => walk(Number(m[1])));
    };
    return root ? walk(root[0]) : [];
  };

  let out = '';
  for (const page of pagesInOrder()) {
    const body = objects.get(page) ?? '';
    const fonts = new Map<string, number>();
    for (const m of (/\/Font <<([^>]*)>>/.exec(body)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)) {
      fonts.set(m[1] ?? '', Number(m[2]));
    }
    const contents = /\/Contents (\d+) 0 R/.exec(body);
    if (!contents) continue;
    let cmap: CMap | undefined;
    const decode = (hex: string) => {
      if (!cmap) return '';
      let result = '';
      const size = cmap.bytes * 2;
      for (let i = 0; i + size <= hex.length; i += size)
        result += cmap.map.get(parseInt(hex.slice(i, i + size), 16)) ?? '';
      return result;
    };
    for (const m of streamOf(Number(contents[1])).matchAll(
      /\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ/g
    )) {
      if (m[1] !== undefined) cmap = cmaps.get(fonts.get(m[1]) ?? -1);
      else if (m[2] !== undefined) out += decode(m[2]);
      else for (const part of (m[3] ?? '').matchAll(/<([0-9A-Fa-f]*)>/g)) out += decode(part[1] ?? '');
    }
    out += '\n';
  }
  return out;
}
