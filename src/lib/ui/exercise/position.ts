// Where in a field's text the checker's error points: its line and column read back to an offset for the caret.

/** The offset of a 1-based line and column in `text`, kept within the text. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  const row = Math.min(Math.max(1, line), lines.length);
  let offset = 0;
  for (let index = 0; index < row - 1; index += 1) offset += (lines[index] ?? '').length + 1;
  return offset + Math.min(Math.max(0, column - 1), (lines[row - 1] ?? '').length);
}
