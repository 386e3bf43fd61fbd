// Where JSON text a learner typed stops being JSON: the line and column of the first error, in plain words.

/*
 * Hand-written: JSON.parse says *that* text is not JSON, but each engine words where differently (V8 names a
 * position only for some errors, Firefox a line and column), and the page must point at the same spot in every
 * browser. This scanner follows RFC 8259's grammar and stops at the first character it cannot accept.
 */

export interface JsonSyntaxError {
  /** 1-based, counting `\n` line breaks. */
  line: number;
  /** 1-based, in characters (UTF-16 code units) from the start of the line. */
  column: number;
  /** What was wrong there, e.g. "expected a value", "unexpected end of text". */
  problem: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string
  ) {
    super(problem);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** The first syntax error in `text` as JSON, or undefined when `JSON.parse` would accept it. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let at = 0;
  const peek = () => text[at];
  const fail = (problem: string): never => {
    throw new Stop(at, at >= text.length ? 'unexpected end of text' : problem);
  };
  const skipSpace = () => {
    while (at < text.length && WHITESPACE.has(text[at] ?? '')) at++;
  };
  const expect = (char: string, problem: string) => {
    if (peek() !== char) fail(problem);
    at++;
  };

  const string = () => {
    if (peek() === "'") fail('strings take double quotes, not single');
    expect('"', 'expected a string in double quotes');
    for (;;) {
      const char = peek();
      if (char === undefined) return fail('unexpected end of text');
      if (char === '"') {
        at++;
        return;
      }
      if (char === '\\') {
        at++;
        const escaped = peek();
        if (escaped === 'u') {
          at++;
          for (let i = 0; i < 4; i++) {
            if (!/[0-9a-fA-F]/.test(peek() ?? '')) fail('expected four hex digits after \\u');
            at++;
          }
          continue;
        }
        if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) fail('unknown escape after a backslash');
        at++;
        continue;
      }
      if (char < ' ') fail('a line break or control character inside a string');
      at++;
    }
  };

  const number = () => {
    if (peek() === '-') at++;
    if (peek() === '0') at++;
    else if (/[1-9]/.test(peek() ?? '')) while (/[0-9]/.test(peek() ?? '')) at++;
    else fail('expected a digit');
    if (peek() === '.') {
      at++;
      if (!/[0-9]/.test(peek() ?? '')) fail('expected a digit after the decimal point');
      while (/[0-9]/.test(peek() ?? '')) at++;
    }
    if (peek() === 'e' || peek() === 'E') {
      at++;
      if (peek() === '+' || peek() === '-') at++;
      if (!/[0-9]/.test(peek() ?? '')) fail('expected a digit in the exponent');
      while (/[0-9]/.test(peek() ?? '')) at++;
    }
  };

  const value = (): void => {
    skipSpace();
    const char = peek();
    if (char === '{') return object();
    if (char === '[') return array();
    if (char === '"') return string();
    if (char === '-' || /[0-9]/.test(char ?? '')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return;
      }
    }
    fail(char === "'" ? 'strings take double quotes, not single' : 'expected a value');
  };

  const object = () => {
    expect('{', 'expected {');
    skipSpace();
    if (peek() === '}') {
      at++;
      return;
    }
    for (;;) {
      skipSpace();
      if (peek() === '}') fail('a comma before } (JSON allows no trailing comma)');
      string();
      skipSpace();
      expect(':', 'expected : after the name');
      value();
      skipSpace();
      if (peek() === ',') {
        at++;
        continue;
      }
      expect('}', 'expected , or }');
      return;
    }
  };

  const array = () => {
    expect('[', 'expected [');
    skipSpace();
    if (peek() === ']') {
      at++;
      return;
    }
    for (;;) {
      skipSpace();
      if (peek() === ']') fail('a comma before ] (JSON allows no trailing comma)');
      value();
      skipSpace();
      if (peek() === ',') {
        at++;
        continue;
      }
      expect(']', 'expected , or ]');
      return;
    }
  };

  try {
    value();
    skipSpace();
    if (at < text.length) fail('more text after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    return {
      line: before.split('\n').length,
      column: error.offset - lineStart + 1,
      problem: error.problem
    };
  }
}
