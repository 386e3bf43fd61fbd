// The UI's non-component exports; components are imported by their .svelte path.
export type { FigureData } from './figure-data';
export type { ExercisePageData } from './exercise/page-data';
export { loadProgress, resetProgress, updateProgress } from './path/progress';
