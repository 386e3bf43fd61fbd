// The one table of checks a service can record: stable ids (what code matches on) and their human labels.

/*
 * Add a check here before a service records it. Ids are dotted and lower-case, grouped by what is checked
 * (`jwt.*`, `sigv4.*`, `iam.*`, ...); they are part of the trace's public contract, so never rename one.
 * Labels are what the learner reads and may be reworded freely.
 */
export const CHECKS = {
  // Filled in by the services as they move to ids (see the trace issue).
} as const satisfies Record<string, { label: string }>;

export type CheckId = keyof typeof CHECKS;

export function isCheckId(value: string): value is CheckId {
  return Object.hasOwn(CHECKS, value);
}
