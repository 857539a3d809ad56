import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { ShortcutsDialog } from './shortcuts-dialog';
import { isTyping } from './use-labeling-shortcuts';

afterEach(cleanup);

function Harness() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Help
      </button>
      <ShortcutsDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

describe('ShortcutsDialog', () => {
  it('is a modal dialog: focus inside, Tab kept in, Escape closes, focus back on the opener', async () => {
    const user = userEvent.setup();
    const { container } = render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Help' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const close = screen.getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    await user.tab();
    expect(document.activeElement).toBe(close);
    expect(screen.getAllByRole('term').map((term) => term.textContent)).toContain('CtrlEnter');
    await expectAccessible(container);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

describe('isTyping', () => {
  it('counts text fields as typing, and choices and buttons as not', () => {
    const make = (html: string) => {
      const host = document.createElement('div');
      host.innerHTML = html;
      return host.firstElementChild;
    };
    expect(['<textarea></textarea>', '<input type="text">', '<input type="number">', '<select></select>'].map((html) => isTyping(make(html)))).toEqual([true, true, true, true]);
    expect(['<input type="radio">', '<input type="checkbox">', '<button></button>', '<input type="range">'].map((html) => isTyping(make(html)))).toEqual([false, false, false, false]);
    expect(isTyping(null)).toBe(false);
  });
});
