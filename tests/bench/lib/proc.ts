import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on every Linux we run on). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / TICKS_PER_SECOND;
}

function statusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const line = status.split('\n').find((entry) => entry.startsWith(`${key}:`));
  return line ? Number(line.replace(/\D+/g, '')) : NaN;
}

/** Resident memory now, in MiB. */
export function rssMiB(pid: number): number {
  return statusKb(pid, 'VmRSS') / 1024;
}

/** Peak resident memory since start or since the last resetPeakRss, in MiB. */
export function peakRssMiB(pid: number): number {
  return statusKb(pid, 'VmHWM') / 1024;
}

/** Resets VmHWM to the current RSS (Linux: writing 5 to clear_refs), so each step has its own peak. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  memoryGiB: number;
}

export function machine(): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    if (line) cpu = line.split(':')[1]?.trim() ?? cpu;
  } catch {
    // not Linux: os.cpus() is good enough
  }
  let memoryGiB = NaN;
  try {
    const line = readFileSync('/proc/meminfo', 'utf8').split('\n')[0] ?? '';
    memoryGiB = Number(line.replace(/\D+/g, '')) / 1024 / 1024;
  } catch {
    // unknown
  }
  return { cpu, cores: cpus().length, node: process.version, memoryGiB };
}

/** CPU and peak memory of a process over a measured window. */
export class ProcessMeter {
  private cpuAtStart = 0;
  constructor(readonly pid: number) {}

  start(): void {
    resetPeakRss(this.pid);
    this.cpuAtStart = cpuSeconds(this.pid);
  }

  stop(): { cpuSeconds: number; peakRssMiB: number; rssMiB: number } {
    return { cpuSeconds: cpuSeconds(this.pid) - this.cpuAtStart, peakRssMiB: peakRssMiB(this.pid), rssMiB: rssMiB(this.pid) };
  }
}
