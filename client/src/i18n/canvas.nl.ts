import type en from './canvas.en';

/** Every key of the English strings, in Dutch (the type makes a missing key a build error). */
const canvas: typeof en = {
  canvasLabel:
    'Bordcanvas. Toetsen: pijltjes gaan van kaart naar kaart, Shift + pijltjes verschuiven de gekozen kaart, M zet hem in het volgende kader, Enter bewerkt hem, Delete verwijdert hem, + en - zoomen, ? toont alle toetsen. Muis: sleep om te verschuiven, Ctrl + scrollwiel om te zoomen. Het overzicht toont elke kaart en koppelt ze.',
  canvasRole: 'bordcanvas',
  kinds: { success: 'Succes', problem: 'Probleem', lesson: 'Les', note: 'Notitie' },
  card: {
    emptyHint: 'Dubbelklik om te schrijven',
  },
  toolbar: {
    label: 'Gereedschap van het bord',
    add: {
      success: 'Succes toevoegen',
      problem: 'Probleem toevoegen',
      lesson: 'Les toevoegen',
      note: 'Notitie toevoegen',
    },
    linkTool: 'Koppelen',
    linkToolHint: 'Koppelen: klik op een succes, probleem of notitie, daarna op een les',
    undo: 'Ongedaan maken',
    undoHint: 'Je laatste wijziging ongedaan maken (Ctrl+Z)',
    redo: 'Opnieuw',
    redoHint: 'Opnieuw uitvoeren (Ctrl+Shift+Z)',
    delete: 'Verwijderen',
    deleteHint: 'De geselecteerde kaarten en koppelingen verwijderen (Delete)',
    zoomIn: 'Inzoomen',
    zoomOut: 'Uitzoomen',
    fit: 'Het hele bord tonen',
    zoomLevel: 'Zoom {{percent}}%',
    kind: 'Soort van de geselecteerde kaart',
  },
  frames: {
    add: '+ Kader',
    addHint: 'Voeg een kader toe: een vlak met een titel om kaarten te groeperen (begeleiders)',
    newTitle: 'Nieuw kader',
    panel: 'Geselecteerd kader',
    title: 'Titel van het kader',
    delete: 'Kader verwijderen',
    deleteHint: 'Verwijder het kader; de kaarten erin blijven op het bord',
    done: 'Klaar',
  },
  legend: {
    label: 'Soorten kaarten',
  },
  editor: {
    label: 'Tekst van de kaart',
  },
  link: {
    pickLesson: 'Klik nu op de les om naar te koppelen.',
    linked: 'Gekoppeld.',
    alreadyLinked: 'Deze kaarten zijn al gekoppeld.',
    refusal: {
      'missing-card': 'Die kaart staat niet meer op het bord.',
      'self-link': 'Een kaart kan niet naar zichzelf koppelen.',
      'not-to-lesson': 'Een koppeling gaat naar een les.',
      'not-from-linkable': 'Een koppeling begint bij een succes, probleem of notitie, niet bij een les.',
    },
  },
  actions: {
    addCard: 'Kaart toevoegen',
    editCard: 'De gekozen kaart bewerken',
    selectAll: 'Alle kaarten kiezen',
    nudge: 'De gekozen kaarten verschuiven',
    cardStep: 'Naar de volgende of vorige kaart',
    moveToFrame: 'De gekozen kaarten naar het volgende kader verplaatsen',
    cancel: 'Stoppen met koppelen, keuze wissen',
    copy: 'De gekozen kaarten kopiëren',
    paste: 'De gekopieerde kaarten plakken',
    duplicate: 'De gekozen kaarten dupliceren',
    editLinkLabel: 'De gekozen koppeling benoemen',
    focusLinks: 'Gekozen koppelingen',
    focusLinksHint: 'Alleen koppelingen van de keuze: toon de koppelingen van de gekozen kaarten, de andere vaag',
    linkLabel: 'Naam van de koppeling',
    viewerZoom: 'Zoomen',
  },
  keys: {
    delete: 'Delete',
    backspace: 'Backspace',
    enter: 'Enter',
    arrows: 'Pijltjestoetsen',
    escape: 'Esc',
    mod: 'Ctrl',
    shift: 'Shift',
  },
  shortcuts: {
    open: 'Sneltoetsen',
    title: 'Sneltoetsen',
    close: 'Sluiten',
    action: 'Actie',
    keys: 'Toetsen',
    /** Between two keys that do the same. */
    or: 'of',
  },
};
export default canvas;
