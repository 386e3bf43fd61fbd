// Parses the home page's introduction: frontmatter with a title, a description and a lead sentence, then markdown.

import { ContentError } from './content-error';
import { parseFrontmatter, readFields } from './frontmatter';
import { renderInline, renderMarkdown } from './markdown';

export interface Introduction {
  title: string;
  /** The page's description for search engines and link previews (plain text). */
  description: string;
  /** The lead under the title, inline markdown rendered. */
  leadHtml: string;
  html: string;
  file: string;
}

export function parseIntroduction(source: string, file: string): Introduction {
  const frontmatter = parseFrontmatter(source, file);
  const fields = readFields(frontmatter, file, ['title', 'description', 'lead']);
  const html = renderMarkdown(frontmatter.body);
  if (html === '') throw new ContentError(file, 'the introduction has no text');
  return {
    title: fields.title,
    description: fields.description,
    leadHtml: renderInline(fields.lead),
    html,
    file
  };
}
