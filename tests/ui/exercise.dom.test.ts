// An exercise page in a DOM over the real checker (a host in the page: jsdom has no Worker): the saved text comes back
// and anything else stored is ignored; Reset and the solution ask before they replace what was typed; JSON that does
// not parse is answered at the field with nothing lost; a pass marks the exercise done.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getExercise } from '../../src/lib/exercises';
import { createExerciseHost } from '../../src/lib/live';
import { PROGRESS_KEY } from '../../src/lib/path';
import Exercise from '../../src/lib/ui/exercise/Exercise.svelte';
import type { ExercisePageData } from '../../src/lib/ui/exercise/page-data';
import { offsetOf } from '../../src/lib/ui/exercise/position';
import { savedAttemptKey } from '../../src/lib/ui/exercise/saved-attempt';
import { createExerciseClient, type ExerciseClient } from '../../src/lib/ui/live/exercise-session';
import { inPageTransport } from '../../src/lib/ui/live/session';
import { testKeys } from '../support/keys';

// The drawing (d3 transitions) is the diagram's own business; the page's markup is what is checked here.
vi.mock('../../src/lib/diagram/draw', () => ({ drawDiagram: () => Promise.resolve() }));

const exercise = getExercise('own-orders')!;
const field = exercise.fields[0]!;
const KEY = savedAttemptKey('own-orders');
const DATA: ExercisePageData = {
  id: exercise.id,
  title: exercise.title,
  goal: 'Make each user read only their own items.',
  fields: exercise.fields,
  solution: exercise.solution,
  html: { goal: '<p>The goal.</p>', hint: '<p>A hint.</p>', solution: '<p>The solution.</p>' }
};

const cleanups: (() => void)[] = [];
beforeEach(() => {
  localStorage.clear();
  // jsdom has neither: the diagram follows its width and the reader's motion preference with them.
  vi.stubGlobal('matchMedia', () => ({ matches: true, addEventListener() {}, removeEventListener() {} }));
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    }
  );
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.unstubAllGlobals();
});

function render() {
  const target = document.createElement('div');
  document.body.append(target);
  let client: ExerciseClient | undefined;
  const instance = mount(Exercise, {
    target,
    props: {
      exercise: DATA,
      open: async () =>
        (client = createExerciseClient(inPageTransport(createExerciseHost({ keys: testKeys }))))
    }
  });
  flushSync();
  cleanups.push(() => {
    unmount(instance);
    client?.close();
    target.remove();
  });
  const textarea = () => target.querySelector('textarea')!;
  const button = (name: string) =>
    [...target.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
  const type = (text: string) => {
    textarea().value = text;
    textarea().dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
  };
  const check = async () => {
    const article = target.querySelector('article')!;
    const before = Number(article.dataset.checks);
    target.querySelector('form')!.requestSubmit();
    await vi.waitFor(() => expect(Number(article.dataset.checks)).toBe(before + 1), { timeout: 30_000 });
    flushSync();
  };
  const said = () => target.querySelector('[data-said]')!.textContent!.trim();
  return { target, textarea, button, type, check, said };
}

describe('exercise page', () => {
  it('starts from the broken configuration, labelled, with spellcheck off', () => {
    const { target, textarea } = render();
    expect(textarea().value).toBe(field.start);
    expect(textarea().getAttribute('spellcheck')).toBe('false');
    expect(target.querySelector(`label[for="${textarea().id}"]`)?.textContent).toBe(field.label);
    expect(target.querySelector('[data-restored]')).toBeNull();
    expect(JSON.parse(localStorage.getItem(PROGRESS_KEY)!).stops['exercise:own-orders']).toBe('seen');
  });

  it.each([
    ['not JSON', '{'],
    ['another shape', '{"policy": "x"}'],
    ['a field this exercise lacks', JSON.stringify({ fields: { nope: 'x' } })],
    ['a field that is not text', JSON.stringify({ fields: { [field.id]: 5 } })]
  ])('ignores a stored value that is %s', (_what, stored) => {
    localStorage.setItem(KEY, stored);
    const { target, textarea } = render();
    expect(textarea().value).toBe(field.start);
    expect(target.querySelector('[data-restored]')).toBeNull();
  });

  it('keeps what the learner typed, brings it back, and forgets it once it is the start again', () => {
    const first = render();
    first.type('{ "mine": true }');
    expect(JSON.parse(localStorage.getItem(KEY)!)).toEqual({ fields: { [field.id]: '{ "mine": true }' } });
    for (const cleanup of cleanups.splice(0)) cleanup();

    const again = render();
    expect(again.textarea().value).toBe('{ "mine": true }');
    expect(again.target.querySelector('[data-restored]')).not.toBeNull();
    again.type(field.start);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('asks before Reset replaces typed text; Escape and "Keep my text" keep it', async () => {
    const { target, textarea, button, type } = render();
    type('{ "mine": true }');
    button('Reset to the broken start').click();
    flushSync();
    await vi.waitFor(() => expect(document.activeElement?.textContent?.trim()).toBe('Yes, reset'));
    expect(target.querySelector('[role="group"]')?.textContent).toMatch(
      /Replace your text with the broken start\?/
    );
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    flushSync();
    expect(target.querySelector('[role="group"]')).toBeNull();
    expect(textarea().value).toBe('{ "mine": true }');

    button('Reset to the broken start').click();
    flushSync();
    button('Keep my text').click();
    flushSync();
    expect(textarea().value).toBe('{ "mine": true }');

    button('Reset to the broken start').click();
    flushSync();
    button('Yes, reset').click();
    flushSync();
    expect(textarea().value).toBe(field.start);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('puts the solution in without asking when nothing was typed, and asks when something was', () => {
    const { target, textarea, button, type } = render();
    button('Put the solution in the editor').click();
    flushSync();
    expect(target.querySelector('[role="group"]')).toBeNull();
    expect(textarea().value).toBe(exercise.solution[field.id]);
    type('{ "mine": true }');
    button('Put the solution in the editor').click();
    flushSync();
    expect(target.querySelector('[role="group"]')?.textContent).toMatch(/worked solution/);
    button('Yes, use the solution').click();
    flushSync();
    expect(textarea().value).toBe(exercise.solution[field.id]);
  });

  it('answers JSON that does not parse at the field, the caret at the error, the text untouched', async () => {
    const { target, textarea, type, check, said } = render();
    const broken = '{\n  "Version": "2012-10-17",\n  "Statement": [\n}';
    type(broken);
    await check();
    expect(said()).toMatch(/^Not checked: /);
    expect(textarea().value).toBe(broken);
    expect(textarea().getAttribute('aria-invalid')).toBe('true');
    const error = target.querySelector(`#${textarea().getAttribute('aria-describedby')}`);
    expect(error?.textContent).toMatch(/^Line 4, column 1: /);
    expect(document.activeElement).toBe(textarea());
    expect(textarea().selectionStart).toBe(offsetOf(broken, 4, 1));
    expect(target.querySelector('.verdict')).toBeNull();
  }, 30_000);

  it('judges the broken start "not yet" and the solution "passed", and marks the exercise done', async () => {
    const { target, type, check, said } = render();
    await check();
    expect(said()).toMatch(/^Not yet\. /);
    expect(target.querySelector('.verdict')?.getAttribute('data-passed')).toBe('false');
    expect(target.querySelectorAll('.verdict li[data-ok="false"]').length).toBeGreaterThan(0);
    expect(target.querySelectorAll('ol.trace-text > li').length).toBeGreaterThan(0);
    expect(JSON.parse(localStorage.getItem(PROGRESS_KEY)!).stops['exercise:own-orders']).toBe('seen');

    type(exercise.solution[field.id]!);
    expect(target.querySelector('.stale')).not.toBeNull();
    await check();
    expect(said()).toMatch(/^Passed\. /);
    expect(target.querySelector('.verdict')?.getAttribute('data-passed')).toBe('true');
    expect(target.querySelector('.stale')).toBeNull();
    expect(JSON.parse(localStorage.getItem(PROGRESS_KEY)!).stops['exercise:own-orders']).toBe('done');
  }, 60_000);
});

describe('offsetOf', () => {
  it('reads a 1-based line and column back to an offset, kept within the text', () => {
    const text = 'ab\ncde\nf';
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 2, 3)).toBe(5);
    expect(offsetOf(text, 2, 99)).toBe(6);
    expect(offsetOf(text, 9, 1)).toBe(7);
    expect(offsetOf(text, 0, 0)).toBe(0);
  });
});
