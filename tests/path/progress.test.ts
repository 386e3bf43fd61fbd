import { describe, expect, it } from 'vitest';
import {
  emptyProgress,
  markStop,
  parseProgress,
  recordPrediction,
  serializeProgress,
  stopState,
  type Progress
} from '../../src/lib/path';

describe('stored progress', () => {
  it('round-trips through its text', () => {
    let progress = markStop(emptyProgress(), 'scenario:sign-in', 'done');
    progress = recordPrediction(progress, 'jwt-to-dynamodb', 'get-item-with-jwt', 'missing-token', true);
    const read = parseProgress(serializeProgress(progress));
    expect(read.problem).toBeUndefined();
    expect(read.progress).toEqual(progress);
  });

  it('starts fresh without a word when nothing is stored', () => {
    expect(parseProgress(null)).toEqual({ progress: emptyProgress() });
    expect(parseProgress('')).toEqual({ progress: emptyProgress() });
  });

  it('sets aside text that is not JSON as corrupt', () => {
    expect(parseProgress('{"v":1,"stops":')).toEqual({ progress: emptyProgress(), problem: 'corrupt' });
  });

  it.each([
    ['an array', '[1,2]'],
    ['a string', '"done"'],
    ['null', 'null'],
    ['another version', '{"v":2,"stops":{},"predictions":{}}'],
    ['another app', '{"theme":"dark"}'],
    ['stops of the wrong type', '{"v":1,"stops":[],"predictions":{}}']
  ])('sets aside %s as foreign', (_, raw) => {
    expect(parseProgress(raw)).toEqual({ progress: emptyProgress(), problem: 'foreign' });
  });

  it('keeps the entries that fit and drops the rest', () => {
    const raw = JSON.stringify({
      v: 1,
      stops: {
        'scenario:sign-in': 'done',
        'scenario:Bad Id': 'done',
        'exercise:own-orders': 'won',
        'page:x': 'seen'
      },
      predictions: {
        'call-api/get-order': { choice: 'ok', right: true },
        'call-api/x': { choice: 3, right: true },
        nope: { choice: 'a', right: false }
      },
      last: 'javascript:alert(1)'
    });
    expect(parseProgress(raw)).toEqual({
      progress: {
        stops: { 'scenario:sign-in': 'done' },
        predictions: { 'call-api/get-order': { choice: 'ok', right: true } }
      }
    });
  });
});

describe('marking stops', () => {
  it('moves from not started to seen to done, and done stays done', () => {
    let progress: Progress = emptyProgress();
    expect(stopState(progress, 'scenario:call-api')).toBe('not-started');
    progress = markStop(progress, 'scenario:call-api', 'seen');
    expect(stopState(progress, 'scenario:call-api')).toBe('seen');
    progress = markStop(progress, 'scenario:call-api', 'done');
    progress = markStop(progress, 'scenario:call-api', 'seen');
    expect(stopState(progress, 'scenario:call-api')).toBe('done');
    expect(progress.last).toBe('scenario:call-api');
  });

  it('keeps the first prediction and counts the scenario as seen', () => {
    let progress = recordPrediction(emptyProgress(), 'call-api', 'get-order', 'unauthorized', false);
    progress = recordPrediction(progress, 'call-api', 'get-order', 'ok', true);
    expect(progress.predictions['call-api/get-order']).toEqual({ choice: 'unauthorized', right: false });
    expect(stopState(progress, 'scenario:call-api')).toBe('seen');
  });
});
