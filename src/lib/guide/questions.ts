// The guide's questions and their choices, by id: the words for each live in content/guide/.

export const QUESTIONS = [
  { id: 'requests', choices: ['own-api', 'aws', 'both'] },
  { id: 'sign-in', choices: ['own-directory', 'social', 'corporate', 'nobody'] },
  { id: 'own-data', choices: ['yes', 'no'] }
] as const;

type Question = (typeof QUESTIONS)[number];
export type QuestionId = Question['id'];
export type ChoiceOf<Id extends QuestionId> = Extract<Question, { id: Id }>['choices'][number];

/** One choice for every question: what `recommend` needs. */
export type Answers = { [Id in QuestionId]: ChoiceOf<Id> };

/** What the learner has chosen so far. */
export type PartialAnswers = Partial<Answers>;

export function isChoice<Id extends QuestionId>(question: Id, value: unknown): value is ChoiceOf<Id> {
  const choices: readonly string[] = QUESTIONS.find((q) => q.id === question)?.choices ?? [];
  return typeof value === 'string' && choices.includes(value);
}

/** The answers when every question has one, else undefined. */
export function completeAnswers(partial: PartialAnswers): Answers | undefined {
  const { requests, 'sign-in': signIn, 'own-data': ownData } = partial;
  if (requests === undefined || signIn === undefined || ownData === undefined) return undefined;
  return { requests, 'sign-in': signIn, 'own-data': ownData };
}

/** Every complete set of answers the questions allow, in the questions' and choices' order. */
export function everyAnswers(): Answers[] {
  let sets: Record<string, string>[] = [{}];
  for (const question of QUESTIONS) {
    sets = sets.flatMap((set) => question.choices.map((choice) => ({ ...set, [question.id]: choice })));
  }
  // Each set holds one choice of every question, under that question's id.
  return sets as Answers[];
}
