// The diagram's pure half: geometry, labels, the text version and static markup. d3 drawing is `./draw`.
export * from './layout';
export * from './labels';
export * from './text';
export * from './markup';
export * from './measure';
export { toDiagramEntry } from './entry';
export * from './present';
export { holdAnswer } from './hold';
export * from './heads';
