// Build-time data for the figure and exercise pages, and the figures' oEmbed answers.
export * from './figure';
export * from './oembed';
export * from './exercise';
