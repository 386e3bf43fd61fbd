// Embedding a figure in another site: its options and messages, a step link's parsing, and its height.
export * from './options';
export * from './step-param';
export * from './geometry';
export * from './range';
