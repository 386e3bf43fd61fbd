// Times for learners: ISO instants on the simulation clock and "expires in 42 min" / "expired 3 min ago".

/** An ISO 8601 instant, or the number itself when it is no valid time (never throws). */
export function isoTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return String(epochMs);
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? String(epochMs) : date.toISOString();
}

/**
 * A duration in the coarsest unit that still says something: "45 s", "42 min", "1 h 5 min", "3 days".
 * Rounded down, so a credential with 59 min 59 s left "expires in 59 min", never sooner than it says.
 */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  return `${Math.floor(hours / 24)} days`;
}

/** "in 42 min", "3 min ago" or "now", relative to the simulation clock. */
export function relativeTime(epochMs: number, now: number): string {
  if (!Number.isFinite(epochMs)) return 'not a time';
  const delta = epochMs - now;
  if (Math.abs(delta) < 1000) return 'now';
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
}

/**
 * An expiry in words. RFC 7519 §4.1.4 and STS agree that a credential is dead *at* its expiry instant, so
 * `expiresAt == now` reads "expired just now".
 */
export function expiryText(expiresAt: number, now: number): { expired: boolean; text: string } {
  if (!Number.isFinite(expiresAt)) return { expired: false, text: 'no valid expiry time' };
  if (expiresAt > now) return { expired: false, text: `expires in ${formatDuration(expiresAt - now)}` };
  if (now - expiresAt < 1000) return { expired: true, text: 'expired just now' };
  return { expired: true, text: `expired ${formatDuration(now - expiresAt)} ago` };
}
