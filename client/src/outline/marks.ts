/** Text cut into runs, `match` where the query occurs (case-insensitive), for <mark>. */
export function markMatches(text: string, query: string): Array<{ text: string; match: boolean }> {
  const needle = query.trim().toLocaleLowerCase();
  // Lower-casing can change a string's length (İ); then the runs would not line up: no marks.
  const haystack = text.toLocaleLowerCase();
  if (!needle || haystack.length !== text.length) return [{ text, match: false }];
  const parts: Array<{ text: string; match: boolean }> = [];
  let at = 0;
  for (let i = 0; i < 1000; i++) {
    const found = haystack.indexOf(needle, at);
    if (found === -1) break;
    if (found > at) parts.push({ text: text.slice(at, found), match: false });
    parts.push({ text: text.slice(found, found + needle.length), match: true });
    at = found + needle.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}
