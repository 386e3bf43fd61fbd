// A validator for the HAR 1.2 structure, written from the spec's field list: "HTTP Archive (HAR) format,
// version 1.2", Jan Odvarko, http://www.softwareishard.com/blog/har-12-spec/ (the W3C Web Performance WG draft,
// https://w3c.github.io/web-performance/specs/HAR/Overview.html, lists the same fields). Each object's required
// fields and their types; optional fields are checked when present. Custom fields must start with `_`.

type Kind = 'string' | 'number' | 'array' | 'object';

interface Field {
  kind: Kind;
  required: boolean;
  /** The spec of an object, or of each item of an array. */
  of?: Shape;
}

type Shape = Record<string, Field>;

const req = (kind: Kind, of?: Shape): Field => ({ kind, required: true, ...(of ? { of } : {}) });
const opt = (kind: Kind, of?: Shape): Field => ({ kind, required: false, ...(of ? { of } : {}) });

const nameValue: Shape = { name: req('string'), value: req('string'), comment: opt('string') };
const cookie: Shape = {
  name: req('string'),
  value: req('string'),
  path: opt('string'),
  domain: opt('string'),
  expires: opt('string'),
  httpOnly: opt('object'),
  secure: opt('object'),
  comment: opt('string')
};
const postData: Shape = {
  mimeType: req('string'),
  // "params" and "text" are mutually exclusive; one of them is there (checked below).
  params: opt('array', {
    name: req('string'),
    value: opt('string'),
    fileName: opt('string'),
    contentType: opt('string'),
    comment: opt('string')
  }),
  text: opt('string'),
  comment: opt('string')
};
const request: Shape = {
  method: req('string'),
  url: req('string'),
  httpVersion: req('string'),
  cookies: req('array', cookie),
  headers: req('array', nameValue),
  queryString: req('array', nameValue),
  postData: opt('object', postData),
  headersSize: req('number'),
  bodySize: req('number'),
  comment: opt('string')
};
const content: Shape = {
  size: req('number'),
  compression: opt('number'),
  mimeType: req('string'),
  text: opt('string'),
  encoding: opt('string'),
  comment: opt('string')
};
const response: Shape = {
  status: req('number'),
  statusText: req('string'),
  httpVersion: req('string'),
  cookies: req('array', cookie),
  headers: req('array', nameValue),
  content: req('object', content),
  redirectURL: req('string'),
  headersSize: req('number'),
  bodySize: req('number'),
  comment: opt('string')
};
const cacheEntry: Shape = {
  expires: opt('string'),
  lastAccess: req('string'),
  eTag: req('string'),
  hitCount: req('number'),
  comment: opt('string')
};
const timings: Shape = {
  blocked: opt('number'),
  dns: opt('number'),
  connect: opt('number'),
  send: req('number'),
  wait: req('number'),
  receive: req('number'),
  ssl: opt('number'),
  comment: opt('string')
};
const entry: Shape = {
  pageref: opt('string'),
  startedDateTime: req('string'),
  time: req('number'),
  request: req('object', request),
  response: req('object', response),
  cache: req('object', {
    beforeRequest: opt('object', cacheEntry),
    afterRequest: opt('object', cacheEntry),
    comment: opt('string')
  }),
  timings: req('object', timings),
  serverIPAddress: opt('string'),
  connection: opt('string'),
  comment: opt('string')
};
const page: Shape = {
  startedDateTime: req('string'),
  id: req('string'),
  title: req('string'),
  pageTimings: req('object', { onContentLoad: opt('number'), onLoad: opt('number'), comment: opt('string') }),
  comment: opt('string')
};
const creator: Shape = { name: req('string'), version: req('string'), comment: opt('string') };
const log: Shape = {
  version: req('string'),
  creator: req('object', creator),
  browser: opt('object', creator),
  pages: opt('array', page),
  entries: req('array', entry),
  comment: opt('string')
};

/** ISO 8601 with a time zone, as the spec's example `2009-07-24T19:20:30.45+01:00`. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

function check(value: unknown, shape: Shape, path: string, errors: string[]): void {
  if (kindOf(value) !== 'object') {
    errors.push(`${path}: not an object`);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const [name, field] of Object.entries(shape)) {
    const member = record[name];
    const at = `${path}.${name}`;
    if (member === undefined) {
      if (field.required) errors.push(`${at}: missing`);
      continue;
    }
    // httpOnly and secure are booleans; the table above says 'object' only to keep the kinds few.
    if ((name === 'httpOnly' || name === 'secure') && typeof member === 'boolean') continue;
    if (kindOf(member) !== field.kind) {
      errors.push(`${at}: ${kindOf(member)}, not ${field.kind}`);
      continue;
    }
    if (field.of && field.kind === 'object') check(member, field.of, at, errors);
    if (field.of && field.kind === 'array') {
      (member as unknown[]).forEach((item, index) =>
        check(item, field.of as Shape, `${at}[${index}]`, errors)
      );
    }
  }
  for (const name of Object.keys(record)) {
    if (!(name in shape) && !name.startsWith('_')) errors.push(`${path}.${name}: not a HAR 1.2 field`);
  }
}

/** Everything wrong with `har` as a HAR 1.2 document (empty when it is valid). */
export function harErrors(har: unknown): string[] {
  const errors: string[] = [];
  if (kindOf(har) !== 'object' || kindOf((har as { log?: unknown }).log) !== 'object')
    return ['log: missing'];
  const root = har as { log: Record<string, unknown> };
  check(root.log, log, 'log', errors);
  if (errors.length > 0) return errors;
  const {
    version,
    pages = [],
    entries
  } = root.log as {
    version: string;
    pages?: { id: string; startedDateTime: string }[];
    entries: {
      pageref?: string;
      startedDateTime: string;
      time: number;
      timings: Record<string, number>;
      request: { postData?: { params?: unknown; text?: unknown } };
    }[];
  };
  if (version !== '1.2') errors.push(`log.version: ${version}, not 1.2`);
  const pageIds = new Set(pages.map((p) => p.id));
  pages.forEach((p, i) => {
    if (!ISO_8601.test(p.startedDateTime)) errors.push(`log.pages[${i}].startedDateTime: not ISO 8601`);
  });
  entries.forEach((e, i) => {
    const at = `log.entries[${i}]`;
    if (!ISO_8601.test(e.startedDateTime)) errors.push(`${at}.startedDateTime: not ISO 8601`);
    if (e.pageref !== undefined && !pageIds.has(e.pageref)) errors.push(`${at}.pageref: no such page`);
    for (const name of ['send', 'wait', 'receive']) {
      if ((e.timings[name] ?? -1) < 0) errors.push(`${at}.timings.${name}: negative`);
    }
    // "time": the sum of all timings available (those not -1).
    const sum = Object.entries(e.timings)
      .filter(([name, value]) => name !== 'comment' && value !== -1)
      .reduce((total, [, value]) => total + value, 0);
    if (e.time !== sum) errors.push(`${at}.time: ${e.time}, not the sum of its timings (${sum})`);
    const post = e.request.postData;
    if (post && (post.params === undefined) === (post.text === undefined)) {
      errors.push(`${at}.request.postData: needs text or params, not both`);
    }
  });
  return errors;
}
