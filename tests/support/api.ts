export interface CreatedBoard {
  id: string;
  title: string;
  tokens: { facilitator: string; editor: string; viewer: string };
  links: { facilitator: string; editor: string; viewer: string };
}

/** Creates a board through the HTTP API, as the start page does. */
export async function createBoard(
  baseUrl: string,
  body: {
    title: string;
    template?: 'benchlearning' | 'retrospective' | 'by-organisation' | 'blank';
    locale?: 'nl' | 'en';
    organisations?: string[];
  },
): Promise<CreatedBoard> {
  const res = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as CreatedBoard;
}

/** A facilitator's PATCH of the board (title, lock, projector join code). */
export async function patchBoard(baseUrl: string, board: CreatedBoard, changes: { title?: string; locked?: boolean; showJoin?: boolean }): Promise<void> {
  const res = await fetch(`${baseUrl}/api/boards/${board.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${board.tokens.facilitator}` },
    body: JSON.stringify(changes),
  });
  if (res.status !== 200) throw new Error(`PATCH answered ${res.status}: ${await res.text()}`);
}
