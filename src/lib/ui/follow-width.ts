// Follows an element's width without a ResizeObserver feedback loop: the observer only schedules a read,
// and the width is handed over in the next animation frame, once, and only when it changed.
import type { Attachment } from 'svelte/attachments';

/**
 * Calls `onWidth` with the element's content width (`clientWidth` less its padding) now and whenever it changes. A write in a ResizeObserver
 * callback that changes layout (a diagram redrawn at the new width, a scrollbar appearing) makes the
 * browser report "ResizeObserver loop completed with undelivered notifications"; deferring the write to
 * the next frame ends the observer's turn first.
 */
export function observeWidth(element: HTMLElement, onWidth: (width: number) => void): () => void {
  let frame = 0;
  let last = Number.NaN;
  const read = () => {
    frame = 0;
    // The content box: what a child laid out at this width really gets (clientWidth includes the padding).
    const style = getComputedStyle(element);
    const padding = (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.paddingRight) || 0);
    const width = Math.max(0, element.clientWidth - padding);
    if (width === last) return;
    last = width;
    onWidth(width);
  };
  const observer = new ResizeObserver(() => {
    if (frame === 0) frame = requestAnimationFrame(read);
  });
  observer.observe(element);
  read();
  return () => {
    observer.disconnect();
    if (frame !== 0) cancelAnimationFrame(frame);
  };
}

/** `observeWidth` as a Svelte attachment: `<div {@attach followWidth((w) => (width = w))}>`. */
export function followWidth(onWidth: (width: number) => void): Attachment<HTMLElement> {
  return (element) => observeWidth(element, onWidth);
}
