// The guide's answers in a URL query (`?requests=aws&sign-in=own-directory&own-data=yes`), so they can be shared.

import { isChoice, QUESTIONS, type PartialAnswers } from './questions';

/** The valid answers among `values` (question id → value): a value that is not a choice of its question is left out. */
export function pickAnswers(values: Readonly<Record<string, unknown>>): PartialAnswers {
  const answers: Record<string, string> = {};
  for (const { id } of QUESTIONS) {
    const value = Object.hasOwn(values, id) ? values[id] : undefined;
    if (isChoice(id, value)) answers[id] = value;
  }
  // Every key set above is a question's id, holding one of that question's choices.
  return answers as PartialAnswers;
}

/**
 * Reads the answers from a query string (with or without its `?`). A parameter that is missing, repeated or not
 * one of its question's choices is left unanswered; anything else in the query is ignored.
 */
export function readAnswers(search: string): PartialAnswers {
  const params = new URLSearchParams(search);
  return pickAnswers(
    Object.fromEntries(
      QUESTIONS.map(({ id }) => {
        const values = params.getAll(id);
        return [id, values.length === 1 ? values[0] : undefined];
      })
    )
  );
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
