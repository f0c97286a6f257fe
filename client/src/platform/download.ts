/** Hands a file to the browser's downloads; returns its object URL (revoke it when done). */
export function saveFile(blob: Blob, fileName: string): string {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  return url;
}

/** A server export as a download link: the token rides in the query (a link cannot send a header). */
export function serverExportHref(boardId: string, token: string, format: 'json' | 'md' | 'csv' | 'svg'): string {
  return `/api/boards/${encodeURIComponent(boardId)}/export?format=${format}&token=${encodeURIComponent(token)}`;
}
