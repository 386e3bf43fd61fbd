// The course as the build knows it: every scenario and exercise, in the order a learner meets them.
import { buildPath, type PathSection } from '$lib/path';
import { scenarios } from '$lib/scenarios/definitions-info';

export function coursePath(): PathSection[] {
  return buildPath(scenarios, []);
}
