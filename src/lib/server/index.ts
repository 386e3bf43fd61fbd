// Build-time data for the figure pages.
export * from './figure';
