// Build-time data for the figure pages, and their oEmbed answers.
export * from './figure';
export * from './oembed';
export * from './path';
