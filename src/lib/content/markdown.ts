// Markdown to HTML for lesson prose (marked), with raw HTML escaped and links limited to relative or https URLs.

import { Marked } from 'marked';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Is `href` safe to put in a lesson link? Relative URLs (`/scenario/sign-in/`, `./x`, `#y`, `?step=2`) and
 * `https:` only. Browsers ignore ASCII whitespace and control characters inside a scheme
 * (`java\tscript:`), and read a leading `\\` like `//`, so both are taken into account.
 */
export function isSafeHref(href: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be removed
  const squeezed = href.replace(/[\u0000-\u0020\u007f]/g, '');
  if (squeezed === '') return false;
  // Scheme-relative ("//host") would leave the site.
  if (/^[/\\]{2}/.test(squeezed)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed);
  if (scheme) return scheme[1]?.toLowerCase() === 'https';
  return true;
}

/** Images only from the site itself: the Content-Security-Policy forbids other origins anyway. */
function isSafeImageSource(href: string): boolean {
  return isSafeHref(href) && !/^https:/i.test(href.trim());
}

const markdown = new Marked({
  gfm: true,
  renderer: {
    // Raw HTML in the markdown is shown as text, never passed through: nothing in a lesson file can run.
    html({ text }) {
      return escapeHtml(text);
    },
    link(token) {
      // `false` falls back to marked's own link renderer.
      return isSafeHref(token.href) ? false : this.parser.parseInline(token.tokens);
    },
    image(token) {
      return isSafeImageSource(token.href) ? false : escapeHtml(token.text);
    }
  }
});

/** Renders block markdown (paragraphs, lists, code) to HTML. */
export function renderMarkdown(source: string): string {
  return markdown.parse(source, { async: false }).trim();
}

/** Renders one line of inline markdown (code spans, emphasis, links) to HTML without a wrapping <p>. */
export function renderInline(source: string): string {
  return markdown.parseInline(source, { async: false }).trim();
}
