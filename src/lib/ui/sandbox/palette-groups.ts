// The palette's groups of actions, in the order of the narrow strip, with the short names its bar shows.

export const PALETTE_GROUPS = [
  { key: 'register', short: 'Register' },
  { key: 'sign-in', short: 'Sign in' },
  { key: 'google', short: 'Google' },
  { key: 'identity-pool', short: 'Identity pool' },
  { key: 'orders', short: 'Orders' },
  { key: 'profile', short: 'Profile' },
  { key: 'notes', short: 'Notes' },
  { key: 's3', short: 'S3' },
  { key: 'time', short: 'Time' },
  { key: 'console', short: 'Console' }
] as const;

export type PaletteGroupKey = (typeof PALETTE_GROUPS)[number]['key'];
