// Reading recorded wire messages: case-blind header lookup, URLs that may not parse, and small XML documents.

/** Header lookup that ignores case: recorded headers are lower-case, hand-made entries may not be. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function isFormBody(headers: Record<string, string>): boolean {
  return (headerValue(headers, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded');
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&'
};

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * The text of the first `<name>` element, entities decoded. Enough for the small documents STS writes;
 * not a general XML parser (none is needed to read `<AccessKeyId>` back).
 */
export function xmlElementText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(xml);
  return match ? decodeXmlEntities(match[1] ?? '') : undefined;
}

export function looksLikeXml(text: string): boolean {
  return /^\s*<[?a-zA-Z]/.test(text);
}

/**
 * Re-indents an XML document two spaces per level, keeping `<a>text</a>` on one line. Tolerant: unbalanced
 * or odd input is still laid out, never rejected, because a panel must show whatever went over the wire.
 */
export function prettyXml(xml: string): string {
  const tokens = xml.match(/<[^>]*>|[^<]+/g) ?? [];
  const parts = tokens.map((token) => token.trim()).filter((token) => token !== '');
  const lines: string[] = [];
  let depth = 0;
  const isOpen = (token: string) =>
    token.startsWith('<') &&
    !token.startsWith('</') &&
    !token.startsWith('<?') &&
    !token.startsWith('<!') &&
    !token.endsWith('/>');
  const isClose = (token: string) => token.startsWith('</');
  for (let index = 0; index < parts.length; index++) {
    const token = parts[index] ?? '';
    const next = parts[index + 1];
    const after = parts[index + 2];
    const pad = '  '.repeat(depth);
    if (
      isOpen(token) &&
      next !== undefined &&
      !next.startsWith('<') &&
      after !== undefined &&
      isClose(after)
    ) {
      lines.push(`${pad}${token}${next}${after}`);
      index += 2;
    } else if (isOpen(token) && next !== undefined && isClose(next)) {
      lines.push(`${pad}${token}${next}`);
      index += 1;
    } else if (isOpen(token)) {
      lines.push(`${pad}${token}`);
      depth += 1;
    } else if (isClose(token)) {
      depth = Math.max(0, depth - 1);
      lines.push(`${'  '.repeat(depth)}${token}`);
    } else {
      lines.push(`${pad}${token}`);
    }
  }
  return lines.join('\n');
}
