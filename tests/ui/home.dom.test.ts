// The home page component renders in a DOM: the four figures first on the path, the other scenarios grouped, an accessible overview.
import { flushSync, mount, unmount } from 'svelte';
import { describe, expect, it } from 'vitest';
import Home from '../../src/routes/(site)/+page.svelte';
import { buildPath } from '../../src/lib/path';
import { scenarios } from '../../src/lib/scenarios/definitions-info';

describe('home page component', () => {
  it('renders the figures in order, the groups, and an accessible overview figure', () => {
    const target = document.createElement('div');
    document.body.append(target);
    const data = {
      introduction: {
        title: 'Two pools, two questions',
        description: 'A simulator.',
        leadHtml: 'A <strong>user pool</strong> answers…',
        html: '<p>Intro</p>'
      },
      path: buildPath(scenarios, [])
    };
    // The route's generated PageProps also carries `params`; the component reads only `data`.
    const component = mount(Home, { target, props: { data, params: {} } as never });
    flushSync();
    expect(target.querySelector('h1')?.textContent).toBe('Two pools, two questions');
    const figureLinks = [...target.querySelectorAll('.start a')].map((a) => a.getAttribute('href'));
    expect(figureLinks).toEqual([
      '/scenario/sign-in/',
      '/scenario/call-api/',
      '/scenario/jwt-to-dynamodb/',
      '/scenario/identity-pool/'
    ]);
    const headings = [...target.querySelectorAll('h2')].map((h) => h.textContent);
    expect(headings).toEqual(
      expect.arrayContaining([
        'Registration',
        'Federation & guests',
        'When things go wrong',
        'Fine-grained access'
      ])
    );
    // Every scenario is reachable from the home page.
    const hrefs = new Set([...target.querySelectorAll('a')].map((a) => a.getAttribute('href')));
    for (const scenario of scenarios) expect(hrefs).toContain(`/scenario/${scenario.id}/`);
    // The overview picture is one image to assistive technology, named and described by the text it labels.
    const overview = target.querySelector('figure.overview [role="img"]');
    expect(overview?.getAttribute('aria-labelledby')).toBe('overview-title overview-desc');
    expect(target.querySelector('#overview-title')?.textContent).toBe(
      'The chain from signing in to calling AWS'
    );
    expect(target.querySelector('#overview-desc')?.textContent).toMatch(
      /signs in to the user pool.*JWT.*credentials/s
    );
    const boxes = [...target.querySelectorAll('figure.overview .box .name')].map((b) => b.textContent);
    expect(boxes).toEqual(['App', 'User pool', 'Identity pool', 'AWS service']);
    expect(target.querySelectorAll('figure.overview .arrow .shaft')).toHaveLength(3);
    unmount(component);
    target.remove();
  });
});
