// Following a diagram's width: the ResizeObserver callback never writes, the write waits for the next frame, and an unchanged width writes nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeWidth } from '../../src/lib/ui/follow-width';

let notify: (() => void) | undefined;
let frames: FrameRequestCallback[] = [];
let observed: Element[] = [];
let disconnected = false;

class FakeResizeObserver {
  constructor(callback: () => void) {
    notify = callback;
  }
  observe(element: Element) {
    observed.push(element);
  }
  unobserve() {}
  disconnect() {
    disconnected = true;
  }
}

beforeEach(() => {
  notify = undefined;
  frames = [];
  observed = [];
  disconnected = false;
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    frames[id - 1] = () => {};
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function element(width: { value: number }): HTMLElement {
  const div = document.createElement('div');
  Object.defineProperty(div, 'clientWidth', { get: () => width.value });
  return div;
}

const runFrames = () => {
  for (const frame of frames.splice(0)) frame(0);
};

describe('observeWidth', () => {
  it('gives the width at once, then writes only in the next frame after the observer reports', () => {
    const width = { value: 960 };
    const seen: number[] = [];
    observeWidth(element(width), (w) => seen.push(w));
    expect(seen).toEqual([960]);
    expect(observed).toHaveLength(1);

    width.value = 360;
    notify?.();
    expect(seen).toEqual([960]); // nothing written inside the observer's turn
    notify?.(); // several reports before the frame: one read
    expect(frames).toHaveLength(1);
    runFrames();
    expect(seen).toEqual([960, 360]);
  });

  it('writes nothing when the width did not change', () => {
    const width = { value: 700 };
    const seen: number[] = [];
    observeWidth(element(width), (w) => seen.push(w));
    notify?.();
    runFrames();
    notify?.();
    runFrames();
    expect(seen).toEqual([700]);
  });

  it('stops observing and drops a pending frame when detached', () => {
    const width = { value: 700 };
    const seen: number[] = [];
    const detach = observeWidth(element(width), (w) => seen.push(w));
    width.value = 500;
    notify?.();
    detach();
    runFrames();
    expect(disconnected).toBe(true);
    expect(seen).toEqual([700]);
  });

  it('gives the content width: a padded stage hands its child the width inside the padding', () => {
    const width = { value: 976 };
    const stage = element(width);
    stage.style.padding = '0 8px';
    document.body.append(stage);
    const seen: number[] = [];
    const stop = observeWidth(stage, (w) => seen.push(w));
    expect(seen).toEqual([960]);
    stop();
    stage.remove();
  });
});
