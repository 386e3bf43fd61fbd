// The guide's answers in a URL query (`?requests=aws&sign-in=own-directory&own-data=yes`), so they can be shared.

import { isChoice, QUESTIONS, type PartialAnswers } from './questions';

/**
 * Reads the answers from a query string (with or without its `?`). A parameter that is missing, repeated or not
 * one of its question's choices is left unanswered; anything else in the query is ignored.
 */
export function readAnswers(search: string): PartialAnswers {
  const params = new URLSearchParams(search);
  const answers: Record<string, string> = {};
  for (const { id } of QUESTIONS) {
    const values = params.getAll(id);
    if (values.length === 1 && isChoice(id, values[0])) answers[id] = values[0];
  }
  // Every key set above passed isChoice for its own question.
  return answers as PartialAnswers;
}

/** The query for `answers`, in the questions' order: '' when none is answered, else starting with `?`. */
export function answersQuery(answers: PartialAnswers): string {
  const params = new URLSearchParams();
  for (const { id } of QUESTIONS) {
    const value = answers[id];
    if (value !== undefined) params.set(id, value);
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}
