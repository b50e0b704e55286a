import { describe, expect, it } from 'vitest';
import { personName, readPersonList, splitPersonList } from './people.js';
import { splitStateList, stateFromFlagLine } from './states.js';

describe('personName', () => {
  it.each([
    ['Joseph Stalin', 'Joseph Stalin'],
    ['Chinese Premier Zhou Enlai', 'Zhou Enlai'],
    ['North Korean Premier Kim Il Sung', 'Kim Il Sung'],
    ['Estonian Minister of Foreign Affairs Karl Selter', 'Karl Selter'],
    ["Soviet People's Commissar for Foreign Affairs Vyacheslav Molotov", 'Vyacheslav Molotov'],
    ['Galeazzo Ciano (foreign minister) of Italy', 'Galeazzo Ciano'],
    ['Saburo Kurusu of Japan', 'Saburo Kurusu'],
    ['Joachim von Ribbentrop', 'Joachim von Ribbentrop'],
    ['George C. Marshall', 'George C. Marshall'],
  ])('%s → %s', (item, name) => {
    expect(personName(item)).toBe(name);
  });

  it.each(['Stalin', 'the foreign ministers', 'Soviet Union', 'United Kingdom', 'Germany', 'Premier', 'Nazi Germany', '1950 delegation'])(
    '%s is not a person',
    (item) => {
      expect(personName(item)).toBeUndefined();
    },
  );
});

describe('person lists', () => {
  it('splits an infobox cell', () => {
    expect(splitPersonList('Joseph Stalin; Mao Zedong').names).toEqual(['Joseph Stalin', 'Mao Zedong']);
    expect(splitPersonList('Premier Zhou Enlai, Foreign Minister Andrei Gromyko and Dean Acheson').names).toEqual(['Zhou Enlai', 'Andrei Gromyko', 'Dean Acheson']);
  });

  it('reads a prose list up to the first other word', () => {
    const s = 'by Saburo Kurusu of Italy, Adolf Hitler of Germany, and Galeazzo Ciano (foreign minister) of Italy entering as a military alliance';
    expect(readPersonList(s, 3)?.names).toEqual(['Saburo Kurusu', 'Adolf Hitler', 'Galeazzo Ciano']);
  });

  it('joins titles linked by "and" to the next name', () => {
    expect(readPersonList('by Premier and Foreign Minister Zhou Enlai and Andrei Vyshinsky.', 3)?.names).toEqual(['Zhou Enlai', 'Andrei Vyshinsky']);
  });

  it('reads nothing when the list names states or groups', () => {
    expect(readPersonList('by Germany, Italy and Japan.', 3)).toBeUndefined();
    expect(readPersonList('by the two foreign ministers.', 3)).toBeUndefined();
  });
});

describe('state lists', () => {
  it('splits "and", commas, semicolons and bullets and drops "the"', () => {
    expect(splitStateList('France and the United Kingdom').names).toEqual(['France', 'United Kingdom']);
    expect(splitStateList('• China • Soviet Union').names).toEqual(['China', 'Soviet Union']);
    expect(splitStateList('Belgium, France, Luxembourg, the Netherlands and the United Kingdom').names).toEqual([
      'Belgium', 'France', 'Luxembourg', 'Netherlands', 'United Kingdom',
    ]);
  });

  it('keeps names that contain "and"', () => {
    expect(splitStateList('Trinidad and Tobago; Bosnia and Herzegovina').names).toEqual(['Trinidad and Tobago', 'Bosnia and Herzegovina']);
  });

  it('rejects pieces that are not names', () => {
    expect(splitStateList('France and 3 others').rejected).toEqual(['3 others']);
  });

  it.each([
    ['flagicon|Germany|Nazi Germany', 'Nazi Germany'],
    ['flag|Empire of Japan|name=Japan', 'Japan'],
    ['flagicon|Italy|1861 Italy ----', 'Italy'],
    ['flagicon|Romania Romania', 'Romania'],
    ['flagicon|Yugoslavia|kingdom Yugoslavia (for 2 days)', 'Yugoslavia'],
    ['flagicon|PRC China', 'China'],
    ['flag|France', 'France'],
  ])('flag line %s → %s', (line, state) => {
    expect(stateFromFlagLine(line)).toBe(state);
  });

  it('does not read a flag line whose shown name disagrees with its flag', () => {
    expect(stateFromFlagLine('flagicon|Germany|Italy')).toBeUndefined();
    expect(stateFromFlagLine('flagicon|Germany Something Else')).toBeUndefined();
  });
});
