/** What a worker's error event says (an ErrorEvent's message; other events have none), or `fallback`. */
export function workerErrorMessage(event: Event, fallback: string): string {
  const detail: unknown = (event as Partial<ErrorEvent>).message;
  return typeof detail === 'string' && detail ? detail : fallback;
}
