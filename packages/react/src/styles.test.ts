// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');
const rules = css.replace(/\/\*[\s\S]*?\*\//g, '');

describe('styles.css', () => {
  it('styles only vd- classes, so it cannot restyle the host app', () => {
    const classes = [...rules.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((match) => match[1]);
    expect(classes.length).toBeGreaterThan(10);
    expect(classes.filter((name) => !name?.startsWith('vd-'))).toEqual([]);
    // No bare element selectors at the start of a rule (e.g. `button {`), which would leak out.
    expect(rules.match(/(^|})\s*[a-z]+\s*[{,]/gm) ?? []).toEqual([]);
  });

  it('defines the colours as variables, with dark values for the OS setting and for data-theme', () => {
    expect(rules).toMatch(/@media \(prefers-color-scheme: dark\)/);
    expect(rules).toMatch(/\[data-theme="dark"\]\s*{[^}]*--vd-bg:/);
    for (const variable of ['--vd-bg', '--vd-fg', '--vd-accent', '--vd-error']) expect(rules).toContain(`${variable}:`);
  });

  it('styles every class the components render', () => {
    for (const name of ['vd-chat', 'vd-chat__messages', 'vd-message--user', 'vd-message--assistant', 'vd-feedback', 'vd-feedback__button', 'vd-stars__star', 'vd-visually-hidden']) {
      expect(rules).toContain(`.${name}`);
    }
  });
});
