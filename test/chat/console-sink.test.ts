/* eslint-disable no-control-regex */
import { describe, expect, it } from 'vitest';
import { sanitiseForTerminal } from '../../src/chat/console/console-sink.js';
import { safeText } from '../../src/chat/discord/embeds/text.js';
import { stripControl, stripControlDeep } from '../../src/shared/text.js';

describe('console sink', () => {
  it('GIVEN feed text with ANSI escapes and control characters THEN they cannot drive the terminal', () => {
    const hostile = 'Nimbus \u001b[2J\u001b[31mred\u001b[0m\u0007 bell\rreturn';
    const clean = sanitiseForTerminal(hostile);
    expect(clean).toBe('Nimbus red bellreturn');
    expect(clean).not.toMatch(/\u001b/);
  });
});

describe('stripControl, the one sanitiser of every chat path', () => {
  it.each([
    ['\u001b[31mRED\u0007', 'RED'],
    ['a\u001b]0;window title\u0007b', 'ab'], // OSC up to BEL
    ['a\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\b', 'alinkb'], // OSC 8 hyperlink up to ST
    ['x\u009b31my\u0085z', 'xyz'], // C1 CSI, C1 NEL
    ['\u001b(Bq\u001bc\u001b7', 'q'], // two-character escapes
    ['keep\ttab\nand newline\r\u0000\u007f', 'keep\ttab\nand newline'],
    ['x\u001b]never terminated', 'xnever terminated'],
    ['é ü 😀 日本 \u200b', 'é ü 😀 日本 \u200b'],
  ])('%j -> %j', (input, expected) => expect(stripControl(input)).toBe(expected));

  it('cleans every string of a payload and leaves buffers alone', () => {
    const buf = Buffer.from([7]);
    const out = stripControlDeep({ content: '\u0007hi', embeds: [{ title: '\u001b[1mT', fields: [{ name: 'n\u001b', value: 'v' }] }], n: 3, buf });
    expect(out).toEqual({ content: 'hi', embeds: [{ title: 'T', fields: [{ name: 'n', value: 'v' }] }], n: 3, buf });
    expect(out.buf).toBe(buf);
  });

  it('the console path and the Discord sanitiser use it', () => {
    expect(sanitiseForTerminal).toBe(stripControl);
    expect(safeText('\u001b[31mRED\u0007')).toBe('RED');
  });
});
