// The guide's shareable query: answers survive a round trip, and anything else in a URL is ignored, never thrown.
import { describe, expect, it } from 'vitest';
import { answersQuery, completeAnswers, pickAnswers, readAnswers } from '../../src/lib/guide';

describe('the answers in a query string', () => {
  it('round-trips complete and partial answers', () => {
    const full = { requests: 'aws', 'sign-in': 'own-directory', 'own-data': 'yes' } as const;
    expect(answersQuery(full)).toBe('?requests=aws&sign-in=own-directory&own-data=yes');
    expect(readAnswers(answersQuery(full))).toEqual(full);
    expect(readAnswers('requests=both')).toEqual({ requests: 'both' });
    expect(answersQuery({})).toBe('');
    expect(answersQuery({ 'own-data': 'no' })).toBe('?own-data=no');
  });

  it('ignores unknown values, unknown keys, repeats and junk', () => {
    expect(readAnswers('?requests=ftp&sign-in=nobody&colour=red')).toEqual({ 'sign-in': 'nobody' });
    expect(readAnswers('?requests=aws&requests=both')).toEqual({});
    expect(readAnswers('?requests=AWS&own-data=yes%00')).toEqual({});
    expect(readAnswers('?%E0%A4%A=1&own-data=%')).toEqual({});
    expect(readAnswers('?__proto__=x&constructor=y&toString=z')).toEqual({});
    expect(readAnswers('')).toEqual({});
  });

  it('is complete only when every question is answered', () => {
    expect(completeAnswers({ requests: 'aws', 'sign-in': 'nobody' })).toBeUndefined();
    expect(completeAnswers({ requests: 'aws', 'sign-in': 'nobody', 'own-data': 'no' })).toEqual({
      requests: 'aws',
      'sign-in': 'nobody',
      'own-data': 'no'
    });
  });
});

describe('pickAnswers', () => {
  it('keeps only choices of known questions', () => {
    expect(pickAnswers({ requests: 'aws', 'sign-in': 'pigeon', colour: 'red', 'own-data': 3 })).toEqual({
      requests: 'aws'
    });
    expect(pickAnswers(JSON.parse('{"__proto__": {"requests": "aws"}}'))).toEqual({});
  });
});
