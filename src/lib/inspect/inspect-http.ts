// inspectHttp: a trace entry's request and response as they went over the wire, every part explained.

import {
  formFields,
  header,
  looksLikeXml,
  parseJson,
  parseUrl,
  readAwsError,
  type AwsError,
  type ErrorProtocol,
  type ParticipantId,
  type TraceEntry,
  type WireRequest,
  type WireResponse
} from '../sim';
import { checkRows } from './internal/checks';
import { explainErrorCode } from './internal/error-notes';
import { explainHeader } from './internal/header-notes';
import { isoTime } from './internal/time';
import { prettyXml } from './internal/wire';
import type { CheckRow } from './types';

export interface HeaderView {
  /** As recorded (lower-case for everything that went through `fetch`). */
  name: string;
  value: string;
  explanation?: string;
}

export interface UrlView {
  full: string;
  /** False when the recorded URL does not parse; the other parts are then empty. */
  valid: boolean;
  scheme: string;
  host: string;
  path: string;
  query: { name: string; value: string }[];
}

export type BodyView =
  | { kind: 'empty' }
  | { kind: 'json'; text: string }
  | { kind: 'form'; fields: { name: string; value: string }[]; text: string }
  | { kind: 'xml'; text: string }
  | { kind: 'text'; text: string };

/** An AWS error envelope, named: which protocol's shape it has and where the code and message were found. */
export interface ErrorEnvelope extends Pick<AwsError, 'message' | 'type' | 'requestId'> {
  format: 'aws-json' | 'api-gateway' | 'sts-xml';
  /** What that shape is, in words. */
  formatExplanation: string;
  /** The bare code, or `HTTP 401` when the envelope names none. */
  code: string;
  /** What the code means for a learner, when the lesson knows it. */
  explanation?: string;
}

export interface HttpRequestView {
  method: string;
  url: UrlView;
  /** `POST / HTTP/1.1`: the request line as on the wire. */
  requestLine: string;
  headers: HeaderView[];
  body: BodyView;
}

export interface HttpResponseView {
  status: number;
  statusText: string;
  /** `HTTP/1.1 400 Bad Request` */
  statusLine: string;
  headers: HeaderView[];
  body: BodyView;
  error?: ErrorEnvelope;
}

export interface HttpInspection {
  id: string;
  parentId?: string;
  from: ParticipantId;
  to: ParticipantId;
  operation: string;
  /** When the request was sent, on the simulation clock. */
  sentAt: string;
  outcome: 'ok' | 'refused';
  request: HttpRequestView;
  response: HttpResponseView;
  /** The service's own account of a refusal, never sent on the wire. */
  reason?: string;
  checks: CheckRow[];
}

const STATUS_TEXT: ReadonlyMap<number, string> = new Map([
  [200, 'OK'],
  [201, 'Created'],
  [204, 'No Content'],
  [301, 'Moved Permanently'],
  [302, 'Found'],
  [304, 'Not Modified'],
  [400, 'Bad Request'],
  [401, 'Unauthorized'],
  [403, 'Forbidden'],
  [404, 'Not Found'],
  [405, 'Method Not Allowed'],
  [409, 'Conflict'],
  [413, 'Payload Too Large'],
  [429, 'Too Many Requests'],
  [500, 'Internal Server Error'],
  [502, 'Bad Gateway'],
  [503, 'Service Unavailable'],
  [504, 'Gateway Timeout']
]);

function urlView(url: string): UrlView {
  const parsed = parseUrl(url);
  if (parsed === undefined) return { full: url, valid: false, scheme: '', host: '', path: '', query: [] };
  return {
    full: url,
    valid: true,
    scheme: parsed.protocol.replace(/:$/, ''),
    host: parsed.host,
    path: parsed.pathname,
    query: [...parsed.searchParams].map(([name, value]) => ({ name, value }))
  };
}

function headerViews(headers: Record<string, string>): HeaderView[] {
  return Object.entries(headers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => {
      const explanation = explainHeader(name, value);
      return explanation === undefined ? { name, value } : { name, value, explanation };
    });
}

function bodyView(body: string, headers: Record<string, string>): BodyView {
  if (body === '') return { kind: 'empty' };
  const form = formFields({ headers, body });
  if (form !== undefined) {
    const fields = [...form].map(([name, value]) => ({ name, value }));
    return { kind: 'form', fields, text: body };
  }
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = parseJson(body);
    if (parsed.ok) return { kind: 'json', text: JSON.stringify(parsed.value, null, 2) };
  }
  if (looksLikeXml(body)) return { kind: 'xml', text: prettyXml(body) };
  return { kind: 'text', text: body };
}

/** What each of AWS's error shapes is, in words, under the name the panel gives it. */
const ENVELOPES: Readonly<Record<ErrorProtocol, { format: ErrorEnvelope['format']; explanation: string }>> = {
  'aws-json': {
    format: 'aws-json',
    explanation:
      'The AWS JSON protocol’s error envelope: HTTP 4xx, the error code in "__type" (and in the x-amzn-ErrorType header), the text in "message". DynamoDB writes the code with a namespace (com.amazon.coral.service#AccessDeniedException); SDKs keep what follows the "#" and turn it into an exception named after the code.'
  },
  'api-gateway': {
    format: 'api-gateway',
    explanation:
      'API Gateway’s own error answer: just {"message": …}. It answered before the backend was called; the code is only in the x-amzn-ErrorType header. 401 "Unauthorized" covers a missing, malformed, badly signed or foreign token; "The incoming token has expired" an expired one.'
  },
  'query-xml': {
    format: 'sts-xml',
    explanation:
      'The AWS query protocol’s error envelope (STS): XML <ErrorResponse><Error> with <Type> (Sender: the caller’s fault), <Code> and <Message>, then the <RequestId>.'
  }
};

function errorEnvelope(response: WireResponse): ErrorEnvelope | undefined {
  const error = readAwsError(response);
  if (error === undefined) return undefined;
  const { format, explanation: formatExplanation } = ENVELOPES[error.protocol];
  const code = error.code ?? `HTTP ${response.status}`;
  const explanation = explainErrorCode(code);
  const requestId = error.requestId ?? header(response.headers, 'x-amzn-requestid');
  return {
    format,
    formatExplanation,
    code,
    message: error.message,
    ...(error.type === undefined ? {} : { type: error.type }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(explanation === undefined ? {} : { explanation })
  };
}

function requestView(request: WireRequest): HttpRequestView {
  const url = urlView(request.url);
  const target = url.valid ? `${url.path}${parseUrl(request.url)?.search ?? ''}` : request.url;
  return {
    method: request.method,
    url,
    requestLine: `${request.method} ${target} HTTP/1.1`,
    headers: headerViews(request.headers),
    body: bodyView(request.body, request.headers)
  };
}

function responseView(response: WireResponse): HttpResponseView {
  const statusText = STATUS_TEXT.get(response.status) ?? '';
  const error = errorEnvelope(response);
  return {
    status: response.status,
    statusText,
    statusLine: `HTTP/1.1 ${response.status}${statusText === '' ? '' : ` ${statusText}`}`,
    headers: headerViews(response.headers),
    body: bodyView(response.body, response.headers),
    ...(error === undefined ? {} : { error })
  };
}

/** The request and response of one exchange, as they went over the wire, with the service's checks. */
export function inspectHttp(entry: TraceEntry): HttpInspection {
  return {
    id: entry.id,
    ...(entry.parentId === undefined ? {} : { parentId: entry.parentId }),
    from: entry.from,
    to: entry.to,
    operation: entry.operation,
    sentAt: isoTime(entry.at),
    outcome: entry.outcome,
    request: requestView(entry.request),
    response: responseView(entry.response),
    ...(entry.reason === undefined ? {} : { reason: entry.reason }),
    checks: checkRows(entry.checks)
  };
}
