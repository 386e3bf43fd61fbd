// Build-time data for the figure and exercise pages, the course's path, and the figures' oEmbed answers.
export * from './figure';
export * from './oembed';
export * from './exercise';
export * from './path';
