// Test fixture: an AWS SDK v3 request handler that sends the SDK's HttpRequest through world.fetch, not the network.

import { Readable } from 'node:stream';
import type { HttpHandlerOptions, HttpRequest, HttpResponse } from '@smithy/types';

/** Anything with a fetch that answers standard Requests: a World, or a stub. */
export interface FetchTarget {
  fetch(request: Request): Promise<Response>;
}

/** RFC 3986 escaping, as the SDK builds (and SigV4 signs) query strings: spaces are %20, never "+". */
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  );
}

function queryString(query: HttpRequest['query']): string {
  const parts: string[] = [];
  for (const key of Object.keys(query ?? {}).sort()) {
    const value = query?.[key];
    if (value === null || value === undefined) {
      parts.push(escapeUri(key));
      continue;
    }
    for (const one of Array.isArray(value) ? value : [value])
      parts.push(`${escapeUri(key)}=${escapeUri(one)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function bodyOf(body: unknown): string | Uint8Array<ArrayBuffer> | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('worldRequestHandler: streaming request bodies are not supported');
}

/**
 * Use as `new SomeClient({ region: 'us-east-1', requestHandler: worldRequestHandler(world) })`. The SDK
 * serialises (and, for signed operations, signs) the request as usual; this handler only replaces the
 * network with world.fetch, so what the simulated service sees is exactly what AWS would receive.
 */
export function worldRequestHandler(
  target: FetchTarget,
  /** `stream`: answer bodies as a Node stream, as the SDK's Node handler does (S3's GetObject needs one). */
  options: { stream?: boolean } = {}
) {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest, _options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
      const port = request.port ? `:${request.port}` : '';
      const url = `${request.protocol}//${request.hostname}${port}${request.path}${queryString(request.query)}`;
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
      const body = bodyOf(request.body);
      const response = await target.fetch(
        new Request(url, { method: request.method, headers, ...(body === undefined ? {} : { body }) })
      );
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value;
      });
      return {
        response: {
          statusCode: response.status,
          reason: response.statusText,
          headers: responseHeaders,
          body: options.stream
            ? Readable.from([Buffer.from(await response.arrayBuffer())])
            : new Uint8Array(await response.arrayBuffer())
        }
      };
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs: (): Record<string, never> => ({}),
    destroy(): void {}
  };
}
