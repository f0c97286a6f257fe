// `npm run bench [-- relay|ramp|join|memory|canvas|cpu ...] [--quick] [--servers=benchlearn,hocuspocus] [--steps=1x50,50x10]`
// Benchmarks of issue 5: relay (fan-out steps, max throughput), join time, server memory, and
// canvas rendering; of issue 11: server CPU per delivered update against y-websocket-server. Never part of `npm test`. Prints plain tables and writes results/latest.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadAverage, machine } from './lib/proc';
import { SERVER_NAMES, type ServerName } from './lib/servers';
import { fmt } from './lib/stats';
import { markdownTable, Report } from './lib/table';
import { CLIENT_NOTE, cpuPerDelivered, joinBench, memoryBench, relayRamp, relaySteps, SERVER_NOTE } from './relay/suite';
import { canvasBench } from './canvas/canvas';

const PARTS = ['relay', 'ramp', 'join', 'memory', 'canvas', 'cpu'] as const;
type Part = (typeof PARTS)[number];

function parseArgs(argv: string[]): { parts: Part[]; quick: boolean; servers: ServerName[]; serversNamed: boolean; steps?: string[] } {
  const quick = argv.includes('--quick');
  const stepsArg = argv.find((arg) => arg.startsWith('--steps='));
  const steps = stepsArg ? stepsArg.slice('--steps='.length).split(',') : undefined;
  const serversArg = argv.find((arg) => arg.startsWith('--servers='));
  const servers = serversArg
    ? serversArg
        .slice('--servers='.length)
        .split(',')
        .map((name) => {
          if (!(SERVER_NAMES as readonly string[]).includes(name)) throw new Error(`unknown server ${name}; one of ${SERVER_NAMES.join(', ')}`);
          return name as ServerName;
        })
    : [...SERVER_NAMES];
  const named = argv.filter((arg) => !arg.startsWith('--'));
  for (const part of named) {
    if (!(PARTS as readonly string[]).includes(part)) throw new Error(`unknown part ${part}; one of ${PARTS.join(', ')}`);
  }
  return { parts: named.length > 0 ? (named as Part[]) : [...PARTS], quick, servers, serversNamed: serversArg !== undefined, ...(steps ? { steps } : {}) };
}

function gitCommit(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- ../server ../client ../shared', { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes in server/client/shared)` : head;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = new Date();
  const box = machine();
  const report = new Report();
  const header = [
    `Benchlearn benchmarks, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${args.quick ? ' (--quick)' : ''}`,
    `machine: ${box.cpu}, ${box.cores} cores, ${fmt(box.memoryGiB, 1)} GiB; Node ${box.node}; commit ${gitCommit()}`,
    `load average at start: ${loadAverage()}`,
  ];
  console.log(header.join('\n'));
  const relayParts = args.parts.filter((part) => part !== 'canvas');
  if (relayParts.length > 0) console.log(`\n${SERVER_NOTE}\n${CLIENT_NOTE}`);
  const options = { quick: args.quick, servers: args.servers, serversNamed: args.serversNamed, ...(args.steps ? { steps: args.steps } : {}) };
  for (const part of args.parts) {
    const t0 = performance.now();
    if (part === 'relay') await relaySteps(report, options);
    if (part === 'ramp') await relayRamp(report, options);
    if (part === 'join') await joinBench(report, options);
    if (part === 'memory') await memoryBench(report, options);
    if (part === 'canvas') await canvasBench(report, { quick: args.quick });
    if (part === 'cpu') await cpuPerDelivered(report, options);
    console.log(`(${part}: ${fmt((performance.now() - t0) / 1000, 0)} s)`);
  }
  const finished = `load average at the end: ${loadAverage()}; ran ${fmt((Date.now() - started.getTime()) / 1000, 0)} s`;
  console.log(`\n${finished}`);

  const markdown = [
    `# Benchmark results`,
    '',
    ...header.map((line) => `- ${line}`),
    `- ${finished}`,
    `- parts: ${args.parts.join(', ')}; rerun with \`npm run bench\` (or \`npm run bench -- relay --quick\`)`,
    '',
    relayParts.length > 0 ? `${SERVER_NOTE}\n\n${CLIENT_NOTE}\n` : '',
    ...report.tables.map((table) => `${markdownTable(table)}\n`),
    ...(report.notes.length > 0 ? ['## Notes', '', ...report.notes.map((note) => `- ${note.trim()}`)] : []),
  ].join('\n');
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  // A partial run does not replace the full picture: it goes beside it.
  const name = args.parts.length === PARTS.length && !args.quick ? 'latest.md' : `latest-${args.parts.join('-')}${args.quick ? '-quick' : ''}.md`;
  writeFileSync(`${dir}${name}`, `${markdown}\n`);
  console.log(`\nwritten: tests/bench/results/${name}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
