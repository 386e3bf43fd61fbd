// The AWS query protocol as STS speaks it: form-encoded parameters in, XML documents and XML error envelopes out.

import type { ServiceError } from '../../http';
import { queryParameters } from '../../wire';

export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_VERSION = '2011-06-15';

/** Parameters from a form body (POST, the SDKs' way) or from the URL query (GET), as AWS accepts both. */
export async function readQueryParameters(request: Request): Promise<URLSearchParams> {
  const body = request.method === 'POST' ? await request.text() : '';
  return queryParameters({ method: request.method, url: request.url, body });
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An element tree small enough to write by hand: a name and either text or children. */
export type XmlNode = [name: string, content: string | XmlNode[]];

function render(node: XmlNode, indent: string): string {
  const [name, content] = node;
  if (typeof content === 'string') return `${indent}<${name}>${escapeXml(content)}</${name}>`;
  const inner = content.map((child) => render(child, indent + '  ')).join('\n');
  return `${indent}<${name}>\n${inner}\n${indent}</${name}>`;
}

/** `<{Action}Response xmlns=...><{Action}Result>...</{Action}Result><ResponseMetadata>...` */
export function queryResponse(action: string, result: XmlNode[], requestId: string): Response {
  const body = [
    `<${action}Response xmlns="${STS_XMLNS}">`,
    render([`${action}Result`, result], '  '),
    render(['ResponseMetadata', [['RequestId', requestId]]], '  '),
    `</${action}Response>`,
    ''
  ].join('\n');
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }
  });
}

/**
 * The query protocol's error envelope:
 * `<ErrorResponse><Error><Type>Sender</Type><Code>..</Code><Message>..</Message></Error><RequestId>..</RequestId></ErrorResponse>`.
 */
export function queryErrorResponse(error: ServiceError, requestId: string): Response {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const body = [
    `<ErrorResponse xmlns="${STS_XMLNS}">`,
    render(
      [
        'Error',
        [
          ['Type', type],
          ['Code', error.code],
          ['Message', error.message]
        ]
      ],
      '  '
    ),
    render(['RequestId', requestId], '  '),
    '</ErrorResponse>',
    ''
  ].join('\n');
  return new Response(body, {
    status: error.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }
  });
}
