/* eslint-disable no-control-regex */
import { describe, expect, it } from 'vitest';
import { sanitiseForTerminal } from '../../src/chat/console/console-sink.js';

describe('console sink', () => {
  it('GIVEN feed text with ANSI escapes and control characters THEN they cannot drive the terminal', () => {
    const hostile = 'Nimbus \u001b[2J\u001b[31mred\u001b[0m\u0007 bell\rreturn';
    const clean = sanitiseForTerminal(hostile);
    expect(clean).toBe('Nimbus red bellreturn');
    expect(clean).not.toMatch(/\u001b/);
  });
});
