// The learner's theme choice (auto / light / dark), kept in localStorage; broken or full storage never breaks the page.

export type ThemeChoice = 'auto' | 'light' | 'dark';
export const THEME_KEY = 'two-pools:theme';
const CHOICES: readonly ThemeChoice[] = ['auto', 'light', 'dark'];

export function readTheme(storage: Pick<Storage, 'getItem'> | undefined): ThemeChoice {
  try {
    const stored = storage?.getItem(THEME_KEY);
    return CHOICES.includes(stored as ThemeChoice) ? (stored as ThemeChoice) : 'auto';
  } catch {
    // Storage can be disabled, or throw on access in private modes: the default will do.
    return 'auto';
  }
}

export function saveTheme(
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined,
  choice: ThemeChoice
): boolean {
  try {
    if (choice === 'auto') storage?.removeItem(THEME_KEY);
    else storage?.setItem(THEME_KEY, choice);
    return true;
  } catch {
    // Over quota or disabled: the choice still applies to this page, it just isn't remembered.
    return false;
  }
}

export function nextTheme(choice: ThemeChoice): ThemeChoice {
  return CHOICES[(CHOICES.indexOf(choice) + 1) % CHOICES.length] ?? 'auto';
}

export function applyTheme(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === 'auto') delete root.dataset.theme;
  else root.dataset.theme = choice;
}
