// The one error the content loader throws: names the file (and line) so a typo fails the build legibly.

export class ContentError extends Error {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, problem: string, line?: number) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${problem}`);
    this.name = 'ContentError';
    this.file = file;
    this.line = line;
  }
}
