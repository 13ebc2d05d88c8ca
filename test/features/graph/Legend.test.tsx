// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Legend } from '../../../src/features/graph';

afterEach(cleanup);

describe('Legend', () => {
  it('names every message type with its phase, and the node states', () => {
    const { container } = render(<Legend />);
    // The words beside each swatch.
    const items = [...container.querySelectorAll('li > span')].map((span) => span.textContent);
    expect(items).toEqual(expect.arrayContaining([
      '1a prepare', '1b promise', '2a accept', '2b accepted', 'nack', 'decide', 'read', 'read-reply',
      'up', 'crashed', 'learned ✓', 'selected',
    ]));
    // Each message type has a swatch coloured by its own token class.
    for (const t of ['prepare', 'promise', 'accept', 'accepted', 'nack', 'decide', 'read', 'read-reply']) {
      expect(container.querySelector(`.pg-msg--${t}`)).not.toBeNull();
    }
    expect(screen.getByText(/square = request · round = reply/)).toBeTruthy();
  });
});
