// The home page component renders in a DOM: the overview figure is described for screen readers.
import { flushSync, mount, unmount } from 'svelte';
import { describe, expect, it } from 'vitest';
import Home from '../../src/routes/(site)/+page.svelte';

describe('home page component', () => {
  it('renders the two questions and an accessible overview figure', () => {
    const target = document.createElement('div');
    document.body.append(target);
    const component = mount(Home, { target });
    flushSync();
    expect(target.querySelector('h1')?.textContent).toBe('Two pools, two questions');
    const svg = target.querySelector('svg[role="img"]');
    expect(svg?.getAttribute('aria-labelledby')).toBe('overview-title overview-desc');
    expect(target.querySelector('#overview-desc')?.textContent).toMatch(/temporary AWS credentials/);
    unmount(component);
    target.remove();
  });
});
