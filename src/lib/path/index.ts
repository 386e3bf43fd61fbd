// The learning path: the course's stops in order, and the learner's progress along it (pure; the UI stores it).

export {
  PROGRESS_KEY,
  emptyProgress,
  isStopId,
  markStop,
  parseProgress,
  recordPrediction,
  serializeProgress,
  stopState,
  type PredictionRecord,
  type Progress,
  type ProgressProblem,
  type StopId,
  type StopMark,
  type StopState
} from './progress';
export {
  GROUP_TITLES,
  buildPath,
  continueStop,
  nextStop,
  pathCount,
  type ExerciseOutline,
  type PathSection,
  type PathStop
} from './path';
