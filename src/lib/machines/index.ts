// The machines above the simulation: the client app the learner drives, and the scenario player.
export * from './client-app/machine';
export * from './player';
