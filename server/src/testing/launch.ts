import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** node's arguments that start the server in server/, as npm start passes them (server/launch.json says why). */
export function serverLaunchArgs(): string[] {
  const file = fileURLToPath(new URL('../../launch.json', import.meta.url));
  const launch = JSON.parse(readFileSync(file, 'utf8')) as { node: string[]; main: string };
  return [...launch.node, launch.main];
}
