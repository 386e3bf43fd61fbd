// The stage's keyboard: which keys drive the player, and when a key belongs to something else on the page.

/** `presenter`: presenter mode took the key (its clicker keys, blanking, leaving). */
export type StageCommand = 'play-pause' | 'next' | 'back' | 'start' | 'end' | 'present' | 'presenter';

/**
 * What a key pressed anywhere on the page means to the stage, or undefined when it is not the stage's: typing in
 * a field, keys inside the inspector (its tabs, reading), a modifier held, or Space on a button or link outside
 * the player's bar (those keep Space for themselves; on a step or player button Space plays or pauses, as a
 * presenter's clicker expects).
 */
export function stageCommand(
  event: KeyboardEvent,
  presenting: { key(key: string): boolean } | undefined,
  canPresent: boolean
): StageCommand | undefined {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return undefined;
  const target = event.target instanceof HTMLElement ? event.target : null;
  const tag = target?.tagName ?? '';
  if (['INPUT', 'SELECT', 'TEXTAREA'].includes(tag) || target?.isContentEditable) return undefined;
  if (target?.closest('[data-inspecting]')) return undefined;
  if (presenting?.key(event.key)) return 'presenter';
  switch (event.key) {
    case ' ':
      return (tag === 'BUTTON' || tag === 'A') && !target?.closest('.bar') ? undefined : 'play-pause';
    case 'ArrowRight':
      return 'next';
    case 'ArrowLeft':
      return 'back';
    case 'Home':
      return 'start';
    case 'End':
      return 'end';
    case 'f':
    case 'F':
      return canPresent ? 'present' : undefined;
  }
  return undefined;
}
