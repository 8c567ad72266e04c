import { describe, expect, it } from 'vitest';
import { classificationText, isNearPrefix } from '../../src/pipeline/classification-text.js';

const item = (title: string, text: string, parentKey?: string): { title: string; text: string; parentKey?: string } => ({ title, text, ...(parentKey ? { parentKey } : {}) });

describe('classificationText: each piece of an item is scored once', () => {
  it('GIVEN a title that is the start of the text THEN only the text is scored', () => {
    const text = 'Acme checkout keeps timing out. Tried three cards already.';
    expect(classificationText(item('Acme checkout keeps timing out', text))).toBe(text);
    expect(classificationText(item(text, text))).toBe(text);
  });

  it('GIVEN a title that differs from the opening only in case, white space and punctuation THEN only the text is scored', () => {
    const text = 'Globex rolled out the new dashboard today; reactions are mixed so far.';
    expect(classificationText(item('GLOBEX   rolled out the new dashboard today!', text))).toBe(text);
    expect(classificationText(item('globex rolled out the new “dashboard” today', text))).toBe(text);
  });

  it('GIVEN a title that is the text cut short, with an ellipsis or mid-word THEN only the text is scored', () => {
    const text = 'Loving the Stratus mobile redesign, the dark mode finally looks right on my tablet';
    expect(classificationText(item('Loving the Stratus mobile redesign, the da…', text))).toBe(text);
    expect(classificationText(item('Loving the Stratus mobile redesign, the da...', text))).toBe(text);
    expect(classificationText(item(text.slice(0, 40), text))).toBe(text);
  });

  it('GIVEN a text that only repeats the start of the title THEN only the title is scored', () => {
    const title = 'Brightloom recalls a batch of filters after customer reports';
    expect(classificationText(item(title, 'Brightloom recalls a batch…'))).toBe(title);
  });

  it('GIVEN a title and a text that say different things THEN both are scored, title first', () => {
    expect(classificationText(item('Quarterly update from Acme', 'Revenue grew and the new plant opened.'))).toBe('Quarterly update from Acme. Revenue grew and the new plant opened.');
  });

  it('GIVEN a short title that is only the start of a longer first word THEN it is kept: it is a different word', () => {
    expect(isNearPrefix('Bad', 'Badminton finals tonight')).toBe(false);
    expect(classificationText(item('Bad', 'Badminton finals tonight'))).toBe('Bad. Badminton finals tonight');
  });

  it('GIVEN an empty title or text, or a reply THEN the one piece with words is scored', () => {
    expect(classificationText(item('', 'only a body here'))).toBe('only a body here');
    expect(classificationText(item('only a title here', ''))).toBe('only a title here');
    expect(classificationText(item('Comment on: some thread', 'my own reply', 'p1'))).toBe('my own reply');
  });

  it('GIVEN a long item THEN the scored text is bounded', () => {
    expect(classificationText(item('Headline', 'word '.repeat(1000))).length).toBe(2000);
  });
});
