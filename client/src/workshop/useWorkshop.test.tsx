import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { benchlearningAgenda, castVote, goToPhase, readCards, setAgenda, setAnonymous, startVoting } from '@benchlearn/shared';
import type { Editor } from '../editor/Editor';
import { EditorProvider } from '../editor/react';
import { ANN, testEditor } from '../editor/testEditor';
import { resources } from '../i18n';
import { useWorkshop, type Workshop, type WorkshopInput } from './useWorkshop';

const input: WorkshopInput = { boardId: 'b1', token: 't', identity: ANN, facilitator: false, readOnly: false, connected: true };

/** What useWorkshop returns on a first render over `editor` (no effects run: the values, not their side effects). */
function workshopOf(editor: Editor, overrides: Partial<WorkshopInput> = {}): Workshop {
  let result: Workshop | null = null;
  function Probe() {
    result = useWorkshop({ ...input, ...overrides });
    return null;
  }
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ resources, lng: 'en', defaultNS: 'app', ns: ['app', 'session'], initAsync: false, showSupportNotice: false });
  renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <EditorProvider editor={editor}>
        <Probe />
      </EditorProvider>
    </I18nextProvider>,
  );
  if (!result) throw new Error('not rendered');
  return result;
}

describe('useWorkshop', () => {
  it('reads the cards from the editor: no votes, nothing filtered, every kind may be added', () => {
    const { editor, add } = testEditor();
    add('lesson');
    add('note', 300, 0);
    const workshop = workshopOf(editor);
    expect(workshop.matchCount).toBeNull();
    expect(workshop.votes.round).toBeNull();
    expect(workshop.form.kinds).toEqual(['success', 'problem', 'lesson', 'note']);
    expect(workshop.message).toBeNull();
    expect(workshop.outline.sortByVotes).toBe(false);
  });

  it('an agenda phase narrows what participants may add, not what the facilitator may', () => {
    const { editor } = testEditor();
    const phases = benchlearningAgenda('en');
    setAgenda(editor.board, phases);
    goToPhase(editor.board, 0);
    const participant = workshopOf(editor);
    const facilitator = workshopOf(editor, { facilitator: true });
    expect(facilitator.form.kinds).toEqual(['success', 'problem', 'lesson', 'note']);
    expect(participant.form.kinds).toEqual(phases[0]!.kinds ?? ['success', 'problem', 'lesson', 'note']);
  });

  it("shows this person's dots while the round is hidden, and who may vote on what", () => {
    const { editor, add } = testEditor();
    const lesson = add('lesson');
    const note = add('note', 300, 0);
    startVoting(editor.board, { kinds: ['lesson'], dots: 3, stack: false });
    castVote(editor.board, readCards(editor.board), lesson, ANN.id, 1);
    castVote(editor.board, readCards(editor.board), lesson, 'bob', 1);
    const workshop = workshopOf(editor);
    expect(workshop.votes.perCard.get(lesson)).toEqual({ mine: 1, total: null });
    expect(workshop.votes.left).toBe(2);
    const cards = editor.cards();
    expect(workshop.outline.canVote(cards.find((c) => c.id === lesson)!)).toBe(true);
    expect(workshop.outline.canVote(cards.find((c) => c.id === note)!)).toBe(false);
  });

  it('a read-only person sees the round but may not vote', () => {
    const { editor, add } = testEditor();
    const lesson = add('lesson');
    startVoting(editor.board, { kinds: ['lesson'], dots: 3, stack: false });
    const workshop = workshopOf(editor, { readOnly: true });
    expect(workshop.outline.canVote(editor.store.getCard(lesson)!)).toBe(false);
  });

  it('an anonymous board: the outline knows it', () => {
    const { editor } = testEditor();
    setAnonymous(editor.board, true);
    expect(workshopOf(editor).outline.anonymous).toBe(true);
  });
});
