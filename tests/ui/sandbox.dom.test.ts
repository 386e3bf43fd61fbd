// The sandbox's palette and "app now" panel in a DOM: reasons beside impossible actions, what gets sent, what is
// refused before sending, the narrow strip's group bar; bringing an action's arrows into view; and the whole page
// over its live world (a host in the page: jsdom has no Worker).
import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SandboxDraft } from '../../src/lib/sandbox/actions';
import { ALL_ACTION_KEYS, type Availability, type Holdings } from '../../src/lib/sandbox/availability';
import { createSandboxClient, type SandboxClient } from '../../src/lib/ui/live/sandbox-session';
import AppNow from '../../src/lib/ui/sandbox/AppNow.svelte';
import Palette from '../../src/lib/ui/sandbox/Palette.svelte';
import Sandbox from '../../src/lib/ui/sandbox/Sandbox.svelte';
import { revealRows } from '../../src/lib/ui/sandbox/reveal';
import { sandboxPageTransport } from '../support/live';

const navigation = vi.hoisted(() => ({ replaced: [] as string[] }));
vi.mock('$app/navigation', () => ({ replaceState: (url: string) => navigation.replaced.push(url) }));
vi.mock('$app/paths', () => ({ resolve: (path: string) => path }));
// The drawing (d3 transitions) is the diagram's own business; the page's markup is what is checked here.
vi.mock('../../src/lib/diagram/draw', () => ({ drawDiagram: () => Promise.resolve() }));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function render<P extends Record<string, unknown>>(component: Component<P>, props: P) {
  const target = document.createElement('div');
  document.body.append(target);
  const instance = mount(component, { target, props });
  flushSync();
  cleanups.push(() => {
    unmount(instance);
    target.remove();
  });
  return target;
}

function availability(unavailable: Partial<Record<(typeof ALL_ACTION_KEYS)[number], string>>): Availability {
  return Object.fromEntries(
    ALL_ACTION_KEYS.map((key) => {
      const reason = unavailable[key];
      return [key, reason === undefined ? { ok: true, reason: '' } : { ok: false, reason }];
    })
  ) as Availability;
}

function button(target: HTMLElement, action: string): HTMLButtonElement {
  const found = target.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
  if (!found) throw new Error(`no button ${action}`);
  return found;
}

function type(input: HTMLInputElement | null, value: string) {
  if (!input) throw new Error('no input');
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

describe('sandbox palette', () => {
  const demoUsers = [
    { username: 'alice', password: 'Correct-Horse-42' },
    { username: 'bob', password: 'Battery-Staple-7' }
  ];

  it('marks an impossible action aria-disabled, with its reason beside it as its description', () => {
    const target = render(Palette, {
      availability: availability({ 'jwt-to-dynamodb': 'Sign in first: there is no ID token to send.' }),
      demoUsers,
      inboxCode: undefined,
      onAct: () => {},
      onExplain: () => {}
    });
    const jwt = button(target, 'jwt-to-dynamodb');
    expect(jwt.getAttribute('aria-disabled')).toBe('true');
    expect(jwt.disabled).toBe(false); // still focusable, so pressing it can explain
    const why = document.getElementById(jwt.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toBe('Sign in first: there is no ID token to send.');
    const api = button(target, 'call-api');
    expect(api.hasAttribute('aria-disabled')).toBe(false);
    expect(api.hasAttribute('aria-describedby')).toBe(false);
  });

  it('fills in the first demo user and sends what the learner chose', () => {
    const sent: SandboxDraft[] = [];
    const target = render(Palette, {
      availability: availability({}),
      demoUsers,
      inboxCode: undefined,
      onAct: (draft: SandboxDraft) => sent.push(draft),
      onExplain: () => {}
    });
    button(target, 'sign-in').click();
    flushSync();
    expect(sent.at(-1)).toEqual({
      do: 'sign-in',
      username: 'alice',
      password: 'Correct-Horse-42',
      flow: 'srp'
    });
    [...target.querySelectorAll('button')].find((b) => b.textContent?.includes('Fill in bob'))?.click();
    target.querySelector<HTMLInputElement>('input[type="radio"][value="password"]')?.click();
    flushSync();
    button(target, 'sign-in').click();
    expect(sent.at(-1)).toEqual({
      do: 'sign-in',
      username: 'bob',
      password: 'Battery-Staple-7',
      flow: 'password'
    });
    button(target, 'get-id:guest').click();
    expect(sent.at(-1)).toEqual({ do: 'get-id', provider: 'guest' });
    button(target, 'query-notes:other').click();
    expect(sent.at(-1)).toEqual({ do: 'query-notes', whose: 'other' });
    button(target, 'upload-avatar').click();
    expect(sent.at(-1)).toEqual({ do: 'upload-avatar' });
    button(target, 'list-folder').click();
    expect(sent.at(-1)).toEqual({ do: 'list-folder', whose: 'own' });
    button(target, 'list-folder:other').click();
    expect(sent.at(-1)).toEqual({ do: 'list-folder', whose: 'other' });
  });

  it('explains an order id it will not send, and sends nothing', () => {
    const sent: SandboxDraft[] = [];
    const explained: string[] = [];
    const target = render(Palette, {
      availability: availability({}),
      demoUsers,
      inboxCode: undefined,
      onAct: (draft: SandboxDraft) => sent.push(draft),
      onExplain: (message: string) => explained.push(message)
    });
    const orderField = [...target.querySelectorAll('label')]
      .find((l) => l.textContent?.trim().startsWith('Order id'))
      ?.querySelector('input');
    type(orderField ?? null, '../admin');
    expect(orderField?.getAttribute('aria-invalid')).toBe('true');
    button(target, 'read-order').click();
    expect(sent).toEqual([]);
    expect(explained).toEqual(['Not sent: An order id is 1 to 32 letters, digits, - or _.']);
    type(orderField ?? null, '7');
    button(target, 'read-order').click();
    expect(sent).toEqual([{ do: 'read-order', orderId: '7' }]);
  });

  it('sends the access token, GET /me with either token and the signed AWS_IAM call, with the order id typed', () => {
    const sent: SandboxDraft[] = [];
    const target = render(Palette, {
      availability: availability({
        'call-iam-api':
          'Get an identity id and AWS credentials first (GetId, then GetCredentialsForIdentity): the AWS_IAM route takes only requests signed with them.'
      }),
      demoUsers,
      inboxCode: undefined,
      onAct: (draft: SandboxDraft) => sent.push(draft),
      onExplain: () => {}
    });
    const iam = button(target, 'call-iam-api');
    expect(iam.getAttribute('aria-disabled')).toBe('true');
    expect(document.getElementById(iam.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /^Get an identity id and AWS credentials first/
    );
    const orderField = [...target.querySelectorAll('label')]
      .find((l) => l.textContent?.trim().startsWith('Order id'))
      ?.querySelector('input');
    type(orderField ?? null, '7');
    button(target, 'call-api:access').click();
    button(target, 'get-profile:id').click();
    button(target, 'get-profile:access').click();
    expect(sent).toEqual([
      { do: 'call-api', orderId: '7', token: 'access' },
      { do: 'get-profile', token: 'id' },
      { do: 'get-profile', token: 'access' }
    ]);
    expect(button(target, 'call-iam-api').textContent).toContain('GET /iam/orders/7');
  });

  it('copies a new code from the inbox into the confirmation field', () => {
    const sent: SandboxDraft[] = [];
    const target = render(Palette, {
      availability: availability({}),
      demoUsers,
      inboxCode: '123456',
      onAct: (draft: SandboxDraft) => sent.push(draft),
      onExplain: () => {}
    });
    button(target, 'confirm-sign-up').click();
    expect(sent).toEqual([{ do: 'confirm-sign-up', code: '123456' }]);
  });
});

describe('the palette as a strip on a narrow screen', () => {
  it('has a bar that names every group and controls its fieldset, the first marked as shown', () => {
    const target = render(Palette, {
      availability: availability({}),
      demoUsers: [],
      inboxCode: undefined,
      onAct: () => {},
      onExplain: () => {}
    });
    const bar = target.querySelector('[role="group"][aria-label="Show a group of actions"]');
    const chips = [...(bar?.querySelectorAll('button') ?? [])];
    expect(chips.map((chip) => chip.textContent?.trim())).toEqual([
      'Register',
      'Sign in',
      'Google',
      'Identity pool',
      'Orders',
      'Profile',
      'Notes',
      'S3',
      'Time',
      'Console'
    ]);
    const legends = chips.map(
      (chip) =>
        document.getElementById(chip.getAttribute('aria-controls') ?? '')?.querySelector('legend')
          ?.textContent
    );
    expect(legends).toEqual([
      'User pool: register',
      'User pool: sign in',
      'Google (a third-party identity provider)',
      'Identity pool: who are you, and AWS credentials',
      'Orders: five ways to ask for one',
      'Profile: GET /me, a method with an OAuth scope',
      "Notes: each identity's own items",
      "S3: each identity's own folder",
      'Time',
      'Console: the pools’ and IAM’s configuration'
    ]);
    expect(chips.map((chip) => chip.getAttribute('aria-current'))).toEqual([
      'true',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null
    ]);
  });
});

describe('bringing an action’s arrows into view', () => {
  /** A box on screen, as getBoundingClientRect gives it (jsdom lays nothing out). */
  const box = (left: number, top: number, width: number, height: number) =>
    ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top }) as DOMRect;
  const place = (element: Element, rect: DOMRect) => {
    element.getBoundingClientRect = () => rect;
  };

  /** A stage with an svg whose rows are added later, as the drawing does; the window is 768 px tall. */
  function scene() {
    const stage = document.createElement('div');
    stage.innerHTML = '<svg><g class="rows"></g></svg>';
    document.body.append(stage);
    place(stage, box(400, 0, 700, 2000));
    const scrolls: ScrollToOptions[] = [];
    vi.stubGlobal('innerHeight', 768);
    vi.spyOn(window, 'scrollBy').mockImplementation(((options: ScrollToOptions) => {
      scrolls.push(options);
    }) as typeof window.scrollBy);
    // Reports once on observing, after layout, as a browser does.
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly report: () => void) {}
        observe() {
          queueMicrotask(() => this.report());
        }
        disconnect() {}
      }
    );
    cleanups.push(() => {
      stage.remove();
      vi.restoreAllMocks();
      vi.unstubAllGlobals();
    });
    const draw = (rows: [id: string, top: number, bottom: number][]) => {
      const group = stage.querySelector('g.rows');
      for (const [id, top, bottom] of rows) {
        const row = document.createElementNS('http://www.w3.org/2000/svg', 'g');
        row.setAttribute('class', 'row');
        row.setAttribute('data-id', id);
        place(row, box(450, top, 300, bottom - top));
        group?.append(row);
      }
    };
    return { stage, scrolls, draw };
  }

  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('waits for the drawing, then scrolls the newest row just inside the bottom edge, instantly under reduced motion, leaving focus alone', async () => {
    const { stage, scrolls, draw } = scene();
    const palette = document.createElement('button');
    document.body.append(palette);
    cleanups.push(() => palette.remove());
    palette.focus();
    revealRows({ stage, rowIds: ['t1:request', 't1:response'], sticky: [], reducedMotion: true });
    await settled();
    expect(scrolls).toEqual([]);
    draw([
      ['t1:request', 900, 950],
      ['t1:response', 960, 1000]
    ]);
    await settled();
    // The bottom of the newest row lands 12 px above the window's bottom edge.
    expect(scrolls).toEqual([{ top: 1000 - (768 - 12), behavior: 'instant' }]);
    expect(document.activeElement).toBe(palette);
  });

  it('keeps the rows clear of a bar stuck over the diagram, scrolling back up to show all of them', async () => {
    const { stage, scrolls, draw } = scene();
    const strip = document.createElement('section');
    strip.style.position = 'sticky';
    strip.style.top = '0px';
    document.body.append(strip);
    cleanups.push(() => strip.remove());
    place(strip, box(0, 0, 1280, 300));
    // Beside the diagram, not over it: ignored.
    const column = document.createElement('section');
    column.style.position = 'sticky';
    column.style.top = '0px';
    document.body.append(column);
    cleanups.push(() => column.remove());
    place(column, box(0, 0, 380, 768));
    revealRows({
      stage,
      rowIds: ['t2:request', 't2:response'],
      sticky: [strip, column],
      reducedMotion: false
    });
    draw([
      ['t2:request', 200, 260],
      ['t2:response', 280, 400]
    ]);
    await settled();
    // Under the 300 px bar: both rows fit below it, so the first lands 12 px under its edge.
    expect(scrolls).toEqual([{ top: 200 - (300 + 12), behavior: 'smooth' }]);
  });

  it('scrolls nothing once a later action has cancelled it', async () => {
    const { stage, scrolls, draw } = scene();
    const cancel = revealRows({ stage, rowIds: ['t3:response'], sticky: [], reducedMotion: true });
    cancel();
    draw([['t3:response', 1200, 1250]]);
    await settled();
    expect(scrolls).toEqual([]);
  });
});

describe('the app now', () => {
  it('says what the app is and holds in words', () => {
    const now = Date.UTC(2026, 10, 28, 9, 0, 0);
    const holdings: Holdings = {
      state: 'ready.holdingCredentials',
      now,
      username: 'alice',
      provider: 'user-pool',
      tokens: { expiresAt: now + 60 * 60_000, refresh: true },
      googleToken: false,
      identityId: 'us-east-1:0000',
      openIdToken: false,
      credentials: { expiration: now - 5 * 60_000 }
    };
    const target = render(AppNow, { holdings });
    const text = target.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('holding temporary AWS credentials');
    expect(text).toContain(
      'Yes, for alice: ID and access tokens valid until 2026-11-28 10:00:00 UTC (in 1 h)'
    );
    expect(text).toContain('us-east-1:0000, got with the user pool’s ID token');
    expect(text).toContain('AWS credentials Yes: expired 5 min ago');
  });
});

describe('the note field', () => {
  it('says beside it that only Share puts the note in a link, never the address bar', () => {
    const target = render(Palette, {
      availability: availability({}),
      demoUsers: [{ username: 'alice', password: 'Correct-Horse-42' }],
      inboxCode: undefined,
      onAct: () => {},
      onExplain: () => {}
    });
    const form = target.querySelector('button[data-action="put-note"]')?.closest('form');
    const field = form?.querySelector('input');
    const said = (
      document.getElementById(field?.getAttribute('aria-describedby') ?? '')?.textContent ?? ''
    ).replace(/\s+/g, ' ');
    expect(said).toMatch(/only when you press Share/);
    expect(said).toMatch(/never into the address bar or history/);
  });
});

describe('the sandbox page over its live world', () => {
  const LOADING = 'Wait: the simulated cloud is still loading (making keys).';

  function page(target: HTMLElement) {
    const section = () => {
      const found = target.querySelector<HTMLElement>('section.sandbox');
      if (!found) throw new Error('no sandbox');
      return found;
    };
    return {
      section,
      /** Waits until the page has come to rest with `actions` actions done. */
      ready: (actions: number) =>
        vi.waitFor(
          () => {
            flushSync();
            expect(section().dataset.status).toBe('ready');
            expect(section().getAttribute('aria-busy')).toBe('false');
            expect(section().dataset.actions).toBe(String(actions));
          },
          { timeout: 30_000, interval: 20 }
        ),
      said: () =>
        target.querySelector('[data-testid="announcement"]')?.textContent?.replace(/\s+/g, ' ').trim(),
      field: (action: string, label: string) => {
        const form = button(target, action).closest('form');
        const found = [...(form?.querySelectorAll('label') ?? [])]
          .find((l) => l.textContent?.trim().startsWith(label))
          ?.querySelector('input');
        return found ?? null;
      }
    };
  }

  it('says the cloud is loading, then plays sign-up, confirmation and an SRP sign-in with nothing typed on the page but the fields', async () => {
    vi.stubGlobal('matchMedia', () => ({
      matches: true,
      addEventListener: () => {},
      removeEventListener: () => {}
    }));
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        disconnect() {}
      }
    );
    let release: () => void = () => {};
    const opened = new Promise<void>((resolve) => (release = resolve));
    let client: SandboxClient | undefined;
    const target = render(Sandbox, {
      open: async () => {
        await opened;
        client = createSandboxClient(sandboxPageTransport());
        return client;
      }
    });
    cleanups.push(() => {
      client?.close();
      vi.unstubAllGlobals();
    });
    const { section, ready, said, field } = page(target);

    // Before the live world answers: every action waits, and the page says why.
    expect(section().dataset.status).toBe('loading');
    expect(section().getAttribute('aria-busy')).toBe('true');
    expect(target.querySelector('.progress')?.textContent).toContain('Making keys…');
    const reasons = [...target.querySelectorAll('.why')].map((why) => why.textContent);
    expect(reasons.length).toBeGreaterThan(10);
    expect(new Set(reasons)).toEqual(new Set([LOADING]));
    button(target, 'sign-in').click();
    flushSync();
    expect(said()).toBe(`Not possible now: ${LOADING}`);

    release();
    await ready(0);
    expect(button(target, 'jwt-to-dynamodb').getAttribute('aria-disabled')).toBe('true');
    expect(target.querySelector('[data-app-state]')?.getAttribute('data-app-state')).toBe('ready.anonymous');

    const typed = 'Dom-Typed-Pass-88';
    type(field('sign-up', 'Password'), typed);
    button(target, 'sign-up').click();
    await ready(1);
    expect(said()).toMatch(/The pool created “carol” as UNCONFIRMED/);
    const code = /code: (\d{6})/.exec(target.querySelector('[data-testid="inbox"]')?.textContent ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(field('confirm-sign-up', 'Confirmation code')?.value).toBe(code);
    button(target, 'confirm-sign-up').click();
    await ready(2);
    expect(said()).toMatch(/CONFIRMED/);

    type(field('sign-in', 'Username'), 'carol');
    type(field('sign-in', 'Password'), typed);
    button(target, 'sign-in').click();
    await ready(3);
    expect(said()).toMatch(/Sign in as “carol” with SRP\. Signed in/);
    expect(target.querySelector('[data-app-state]')?.getAttribute('data-app-state')).toBe('ready.signedIn');
    expect(section().dataset.exchanges).toBe('4');
    expect(button(target, 'jwt-to-dynamodb').hasAttribute('aria-disabled')).toBe(false);
    expect(target.querySelectorAll('ol.log > li')).toHaveLength(3);
    // The page shows what the world did, never what was typed: the password is in its field and nowhere else.
    expect(document.body.innerHTML).not.toContain(typed);
    expect(JSON.stringify(client?.state?.actions)).not.toContain(typed);
  }, 60_000);
});
