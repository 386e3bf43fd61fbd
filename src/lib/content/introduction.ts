// Parses the home page's introduction: frontmatter with a title, then markdown.

import { ContentError } from './content-error';
import { parseFrontmatter, readFields } from './frontmatter';
import { renderMarkdown } from './markdown';

export interface Introduction {
  title: string;
  html: string;
  file: string;
}

export function parseIntroduction(source: string, file: string): Introduction {
  const frontmatter = parseFrontmatter(source, file);
  const fields = readFields(frontmatter, file, ['title']);
  const html = renderMarkdown(frontmatter.body);
  if (html === '') throw new ContentError(file, 'the introduction has no text');
  return { title: fields.title, html, file };
}
