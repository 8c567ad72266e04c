import { describe, expect, it } from 'vitest';
import { clauses, entityFocus } from '../../src/matching/entity-focus.js';

describe('entity focus', () => {
  it('splits at sentence ends, commas, semicolons, dashes and before contrast words', () => {
    expect(clauses('Nimbus is down, we are moving to Stratus. Sad!')).toEqual(['Nimbus is down', 'we are moving to Stratus.', 'Sad!']);
    expect(clauses('Stratus is way better than Nimbus')).toEqual(['Stratus is way better', 'than Nimbus']);
    expect(clauses('I liked Nimbus but Stratus crashed — twice')).toEqual(['I liked Nimbus', 'but Stratus crashed', 'twice']);
  });

  it('keeps the clauses that name the brand when another brand is named too', () => {
    const text = 'Nimbus is down again, we are moving to Stratus';
    expect(entityFocus(text, ['Nimbus'], ['Stratus'])).toBe('Nimbus is down again');
    expect(entityFocus(text, ['Stratus'], ['Nimbus'])).toBe('we are moving to Stratus');
  });

  it('gives a clause that names no brand to the brand named before it (or, at the start, after it)', () => {
    const text = 'Nimbus outage: whole company blocked, worst service ever, we are moving to Stratus';
    expect(entityFocus(text, ['Nimbus'], ['Stratus'])).toBe('Nimbus outage: whole company blocked. worst service ever');
    expect(entityFocus(text, ['Stratus'], ['Nimbus'])).toBe('we are moving to Stratus');
    expect(entityFocus('Stratus is better than Nimbus, which keeps crashing', ['Nimbus'], ['Stratus'])).toBe('than Nimbus. which keeps crashing');
    expect(entityFocus('Worst week ever. Nimbus lost my files, Stratus did not', ['Nimbus'], ['Stratus'])).toBe('Worst week ever. Nimbus lost my files');
  });

  it('matches names whole-word and case-insensitively, aliases included', () => {
    expect(entityFocus('the nimbus cloud app is broken; stratus-cloud works fine', ['Nimbus'], ['Stratus'])).toBe('the nimbus cloud app is broken');
    expect(entityFocus('NimbusCloud is broken, Stratus works', ['Nimbus', 'NimbusCloud'], ['Stratus'])).toBe('NimbusCloud is broken');
    // "Nimbuses" is not "Nimbus": the brand is not located, so the whole text applies
    expect(entityFocus('Nimbuses are clouds, Stratus too', ['Nimbus'], ['Stratus'])).toBeNull();
  });

  it('scores the whole text when no other brand is named, when the brand is not located, or when every clause names it', () => {
    expect(entityFocus('Nimbus is down, again', ['Nimbus'], ['Stratus'])).toBeNull();
    expect(entityFocus('cloud outage, we are moving to Stratus', ['Nimbus'], ['Stratus'])).toBeNull();
    expect(entityFocus('switched from Nimbus to Stratus', ['Nimbus'], ['Stratus'])).toBeNull();
    expect(entityFocus('Nimbus is down', ['Nimbus'], [])).toBeNull();
  });
});
