// Free play without the simulation: the palette's actions, what is possible now, words, and share links.
// The live session (which brings the simulated cloud) is the second entry, `./session`, loaded after paint.
export * from './actions';
export * from './availability';
export * from './describe';
export * from './share';
