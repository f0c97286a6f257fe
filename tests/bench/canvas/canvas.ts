import type { Report } from '../lib/table';
export async function canvasBench(_report: Report, _options: { quick: boolean }): Promise<void> {}
