import type { Fetch } from './api';

/** A request the stand-in fetch saw: what the HTTP client tests check. */
export interface RecordedCall {
  url: string;
  method: string;
  authorization: string | null;
  body: unknown;
}

/** A stand-in fetch for the HTTP client tests: records each request and answers `answer` as JSON with `status`. */
export function recorder(status: number, answer: unknown): { calls: RecordedCall[]; fetchImpl: Fetch } {
  const calls: RecordedCall[] = [];
  const fetchImpl: Fetch = async (url, init) => {
    calls.push({
      url,
      method: init?.method ?? 'GET',
      authorization: new Headers(init?.headers).get('Authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
    });
    return new Response(JSON.stringify(answer), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { calls, fetchImpl };
}
