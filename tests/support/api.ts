export interface CreatedBoard {
  id: string;
  title: string;
  tokens: { facilitator: string; editor: string; viewer: string };
  links: { facilitator: string; editor: string; viewer: string };
}

/** Creates a board through the HTTP API, as the start page does. */
export async function createBoard(
  baseUrl: string,
  body: { title: string; template?: 'benchlearning' | 'blank'; locale?: 'nl' | 'en' },
): Promise<CreatedBoard> {
  const res = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as CreatedBoard;
}
