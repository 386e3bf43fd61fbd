// XML laid out for a learner: a recorded document re-indented, whatever shape it arrived in.

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
