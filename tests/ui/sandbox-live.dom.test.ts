// The sandbox page's live session on its own (no page around it), over a live world in the page: what it says
// before the world is there, a share link replayed and left, an action's hooks, the share link following the
// actions, and a reset that starts a new world and forgets the link.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SandboxPerformed } from '../../src/lib/live';
import { decodeShare } from '../../src/lib/sandbox/share';
import { createSandboxClient, type SandboxClient } from '../../src/lib/ui/live/sandbox-session';
import { SandboxLive } from '../../src/lib/ui/sandbox/sandbox-live.svelte';
import { sandboxPageTransport } from '../support/live';

const navigation = vi.hoisted(() => ({ replaced: [] as string[] }));
vi.mock('$app/navigation', () => ({
  replaceState: (url: string) => {
    navigation.replaced.push(url);
    window.history.replaceState({}, '', url);
  }
}));
vi.mock('$app/paths', () => ({ resolve: (path: string) => path }));

/** Figure 4's first action as a share link's query: sign in (SRP) as alice. */
const SIGN_IN_LINK = `?seed=sandbox&a=1.${Buffer.from(JSON.stringify([['si', 'alice', 'srp', 'known']])).toString('base64url')}`;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  window.history.replaceState({}, '', '/sandbox/');
  navigation.replaced.length = 0;
});

function said(sandbox: SandboxLive): string | undefined {
  const announcement = sandbox.announcement;
  if (announcement?.kind === 'notice') return announcement.text;
  return announcement && `${announcement.title}. ${announcement.sentence}`;
}

function setUp(search = '') {
  window.history.replaceState({}, '', `/sandbox/${search}`);
  const newWorlds: number[] = [];
  const performed: SandboxPerformed[] = [];
  let client: SandboxClient | undefined;
  const sandbox = new SandboxLive({
    onNewWorld: () => newWorlds.push(sandbox.state?.generation ?? 0),
    onPerformed: (record) => performed.push(record)
  });
  const open = async () => (client = createSandboxClient(sandboxPageTransport()));
  cleanups.push(() => sandbox.close());
  const ready = () =>
    vi.waitFor(() => expect(sandbox.status).toBe('ready'), { timeout: 30_000, interval: 20 });
  return { sandbox, newWorlds, performed, open, ready, client: () => client };
}

describe('the sandbox live session', () => {
  it('says why nothing can be done while the world is loading, and sends nothing', async () => {
    const { sandbox } = setUp();
    expect(sandbox.status).toBe('loading');
    expect(sandbox.availability['sign-in']).toEqual({
      ok: false,
      reason: 'Wait: the simulated cloud is still loading (making keys).'
    });
    await sandbox.act({ do: 'refresh' });
    expect(said(sandbox)).toBe('Not possible now: Wait: the simulated cloud is still loading (making keys).');
    await sandbox.reset();
    expect(said(sandbox)).toBe('Wait: the simulated cloud is still busy.');
    await sandbox.share.make();
    expect(sandbox.share.url).toBe('');
    expect(sandbox.share.status).toBe(
      'Wait: the simulated cloud is still loading; there is nothing to share yet.'
    );
  });

  it('replays a link, leaves its address at the first action, keeps a made link up to date, and resets to a new world', async () => {
    const { sandbox, newWorlds, performed, open, ready } = setUp(SIGN_IN_LINK);
    sandbox.start(open);
    await ready();
    expect(sandbox.replay).toBeUndefined();
    expect(sandbox.linkError).toBe('');
    expect(said(sandbox)).toBe('Replayed 1 shared action from the link; the diagram shows 2 exchanges.');
    expect(sandbox.state?.performed).toHaveLength(1);
    // The screen shows exactly the link's replay: the address keeps it.
    expect(window.location.search).toBe(SIGN_IN_LINK);
    expect(newWorlds).toEqual([]);

    await sandbox.share.make();
    const made = sandbox.share.url;
    expect(made).toBe(`${window.location.origin}/sandbox/${SIGN_IN_LINK}`);
    // jsdom has no clipboard: the learner is told to copy it.
    expect(sandbox.share.status).toMatch(/copy it yourself/);

    await sandbox.act({ do: 'refresh' });
    expect(sandbox.working).toBe(false);
    expect(said(sandbox)).toMatch(/^Refresh the tokens\./);
    expect(performed.map((record) => record.action.do)).toEqual(['refresh']);
    expect(performed[0]?.from).toBe(2);
    expect(navigation.replaced).toEqual(['/sandbox/']);
    expect(window.location.search).toBe('');
    // The link made with Share follows: it now replays both actions.
    const followed = decodeShare(new URL(sandbox.share.url).search);
    expect(followed.ok && followed.value.actions.map((action) => action.do)).toEqual(['sign-in', 'refresh']);
    expect(sandbox.share.url).not.toBe(made);

    await sandbox.reset();
    expect(sandbox.status).toBe('ready');
    expect(said(sandbox)).toBe('Reset: a fresh world with the same seed. Nothing has been sent yet.');
    expect(newWorlds).toHaveLength(1);
    expect(sandbox.state?.performed).toEqual([]);
    expect(sandbox.seed).toBe('sandbox');
    expect(sandbox.share.url).toBe('');
    expect(sandbox.share.status).toBe('');
  }, 60_000);

  it('refuses a damaged link, says so, and starts an empty world', async () => {
    const { sandbox, open, ready } = setUp('?seed=sandbox&a=1.%%%');
    sandbox.start(open);
    expect(sandbox.linkError).toMatch(
      /^This share link cannot be opened: .* Nothing from it was replayed; the sandbox starts empty\.$/
    );
    await ready();
    expect(sandbox.state?.performed).toEqual([]);
    expect(sandbox.announcement).toBeUndefined();
  }, 60_000);
});
