// The architecture drawing as static SVG: every box and label drawn, text escaped, named for assistive technology.
import { describe, expect, it } from 'vitest';
import { architectureMarkup, drawArchitecture, layoutArchitecture, recommend } from '../../src/lib/guide';

const spa = drawArchitecture(
  recommend({ requests: 'both', 'sign-in': 'own-directory', 'own-data': 'yes' }).architecture
);

describe('architectureMarkup', () => {
  const layout = layoutArchitecture(spa, 296);
  const svg = architectureMarkup(layout, { id: 'a', title: 'App → <API> & "AWS"', className: 'narrow' });

  it('is one svg at its own size, named by its title', () => {
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="narrow" viewBox="-2 -2 300 [\d.]+"/
    );
    expect(svg).toContain(' width="300" ');
    expect(svg).toContain('role="img" aria-labelledby="a-title"');
    expect(svg).toContain('<title id="a-title">App → &lt;API&gt; &amp; "AWS"</title>');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('draws every box and every line of every label', () => {
    expect(svg.match(/<rect /g)).toHaveLength(layout.boxes.length);
    expect(svg.match(/<line /g)).toHaveLength(layout.arrows.length);
    expect(svg.match(/<polygon /g)).toHaveLength(layout.arrows.length);
    for (const line of [...layout.boxes.flatMap((b) => b.lines), ...layout.arrows.flatMap((a) => a.lines)]) {
      expect(svg).toContain(`>${line.text.replace(/&/g, '&amp;')}</text>`);
    }
    expect(svg).toContain('class="box tone-user-pool"');
    expect(svg).toContain('class="box tone-identity-pool"');
    expect(svg).toContain('font-size="12"');
    expect(svg).not.toMatch(/font-size="(?:[0-9]|1[01])(?:\.\d+)?"/);
  });
});
