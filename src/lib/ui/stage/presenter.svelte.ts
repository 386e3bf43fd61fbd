// Presenter mode, loaded when a teacher asks for it (the Present button, `F`, or `?present=1`): the figure's type
// for a classroom screen, the keys a presentation clicker sends, the blank screen, the bar that hides, full screen.
// The figure page keeps only a switch; everything else is here, out of every page's first load.

import './presenter.css';
import PresenterOverlay from './PresenterOverlay.svelte';
import { PRESENT_MEASURE, PRESENT_SCALE, type TypeScale } from '$lib/diagram';

export type PresenterAction = 'leave' | 'blank' | 'next' | 'back';

/**
 * What a key means while presenting: clickers send PageDown / PageUp (some send `.` or `B` to blank the
 * screen); Esc or `F` leaves. Space and ← → keep their meaning for the player.
 */
export function presenterAction(key: string): PresenterAction | undefined {
  switch (key) {
    case 'Escape':
    case 'f':
    case 'F':
      return 'leave';
    case 'b':
    case 'B':
    case '.':
      return 'blank';
    case 'PageDown':
    case 'ArrowDown':
      return 'next';
    case 'PageUp':
    case 'ArrowUp':
      return 'back';
    default:
      return undefined;
  }
}

/** What presenter mode asks of the figure page. */
export interface PresenterHost {
  next(): void;
  back(): void;
  /** Presenter mode has ended (Esc, `F`, the button, or the browser leaving full screen). */
  left(): void;
}

/** One presenting session: from entering to leaving. */
export class Presenter {
  /** The counter and the blank screen, drawn over the stage. */
  readonly Overlay = PresenterOverlay;
  /** The screen is blanked (`B`). */
  blank = $state(false);
  /** The player's bar shows: the pointer moved in the last few seconds. */
  chrome = $state(true);
  #host: PresenterHost;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #fullscreen = false;
  #onFullscreen = () => {
    if (this.#fullscreen && !document.fullscreenElement) {
      this.#fullscreen = false;
      this.leave();
    }
  };

  constructor(host: PresenterHost) {
    this.#host = host;
    document.documentElement.style.overflow = 'hidden';
    document.addEventListener('fullscreenchange', this.#onFullscreen);
    this.pointerMoved();
  }

  /** The layout option that fits the whole figure to a stage `height` px tall (see layoutDiagram). */
  layoutOptions(height: number): { height: number; scale: TypeScale; measure: number } {
    return { height, scale: PRESENT_SCALE, measure: PRESENT_MEASURE };
  }

  /** Asks for full screen (a key press or a click may; a page load may not): leaving it leaves presenter mode. */
  async requestFullscreen(): Promise<void> {
    const root = document.documentElement;
    if (typeof root.requestFullscreen !== 'function' || document.fullscreenElement) return;
    try {
      await root.requestFullscreen();
      this.#fullscreen = true;
    } catch {
      // Refused (no gesture, or an embedding page's policy): the stage still fills the window.
    }
  }

  /** Acts on a presenter's key; true when the key was one. Moving on shows a blanked screen again. */
  key(key: string): boolean {
    const action = presenterAction(key);
    if (action === 'leave') this.leave();
    else if (action === 'blank') this.blank = !this.blank;
    else if (action !== undefined) {
      this.blank = false;
      if (action === 'next') this.#host.next();
      else this.#host.back();
    } else if (['ArrowRight', 'ArrowLeft', ' '].includes(key)) this.blank = false;
    return action !== undefined;
  }

  /** Shows the bar for a few seconds. */
  pointerMoved = () => {
    this.chrome = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.chrome = false), 2500);
  };

  leave(): void {
    clearTimeout(this.#timer);
    document.documentElement.style.overflow = '';
    document.removeEventListener('fullscreenchange', this.#onFullscreen);
    if (this.#fullscreen && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    this.#fullscreen = false;
    this.#host.left();
  }
}
