// "Which pool do I need?": the guide's questions, how answers lead to a recommendation, and the architecture it draws.
export * from './questions';
export * from './recommend';
export * from './architecture';
export * from './layout';
export * from './markup';
export * from './query';
