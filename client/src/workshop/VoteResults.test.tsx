import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { Card, VotingRound } from '@benchlearn/shared';
import { resources } from '../i18n';
import { rankedResults } from './view';
import { RESULTS_SHOWN, ResultsList } from './VoteResults';

function render(cards: Card[], language: 'en' | 'nl' = 'en'): string {
  const round: VotingRound = { round: 'r', kinds: ['lesson', 'problem'], dots: 20, stack: true, open: false, revealed: true };
  const i18n = i18next.createInstance();
  void i18n
    .use(initReactI18next)
    .init({ resources, lng: language, defaultNS: 'app', ns: ['app', 'canvas', 'session'], initAsync: false, showSupportNotice: false });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ResultsList ranked={rankedResults(cards, round)} />
    </I18nextProvider>,
  );
}

const card = (i: number, dots: number): Card => ({
  id: `c${i}`,
  kind: i % 2 ? 'lesson' : 'problem',
  text: `Idea ${i}`,
  x: 0,
  y: i * 200,
  w: 240,
  h: 160,
  z: 'a0',
  authorId: `author-${i}`,
  authorName: `Author ${i}`,
  createdAt: 0,
  votes: { [`voter-${i}`]: dots },
});

describe("the projector's results", () => {
  it(`lists the first ${RESULTS_SHOWN} places with text and count, says how many more, and names no author`, () => {
    const html = render(Array.from({ length: 10 }, (_, i) => card(i, 10 - i)));
    expect(html.match(/data-testid="vote-result"/g)).toHaveLength(RESULTS_SHOWN);
    expect(html).toContain('Idea 0');
    expect(html).toContain('10 dots');
    expect(html).not.toContain('Idea 9');
    expect(html).toContain('and 2 more cards with dots');
    expect(html).not.toContain('Author');
  });

  it('says so when nobody gave a dot, in Dutch too', () => {
    expect(render([card(1, 0)], 'nl')).toContain('In deze ronde zijn geen stippen gegeven.');
    expect(render([card(1, 1)], 'nl')).toContain('1 stip');
  });
});
