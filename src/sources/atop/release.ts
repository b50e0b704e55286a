/**
 * Recognises the files of an ATOP release by name: `atop5_1m.csv`, `atop5_1a.csv`,
 * `atop5_1aph.csv` and their NNA variants (`atop5_1m_NNA.csv`, or `atop5_1mNNA.csv` as the
 * codebook spells them), the official 4.01 names (`atop4_01m.csv`), and the names under which
 * the 4.01 files circulate in the arms-allies repository (`atop-member-level.csv`,
 * `atop-alliance-level.csv`).
 */
import type { AtopLevel } from './codebook.js';

/** What a file name says about an ATOP file. */
export interface AtopFileName {
  readonly level: AtopLevel;
  /** Release version from the name (`5.1`), absent when the name does not say. */
  readonly version?: string;
  /** True for the NNA files (pure non-aggression pacts removed). */
  readonly nna: boolean;
}

const OFFICIAL = /^atop(\d+)_(\d+)(m|a|aph)(_?nna)?\.csv$/i;
const LEVELS: Readonly<Record<string, AtopLevel>> = { m: 'member', a: 'alliance', aph: 'phase' };

/** Classifies a file by its base name, or returns `null` when it is not an ATOP data file. */
export function classifyAtopFile(baseName: string): AtopFileName | null {
  const m = OFFICIAL.exec(baseName);
  if (m) return { level: LEVELS[m[3]!.toLowerCase()]!, version: `${Number(m[1])}.${m[2]}`, nna: m[4] !== undefined };
  const lower = baseName.toLowerCase();
  if (lower === 'atop-member-level.csv') return { level: 'member', nna: false };
  if (lower === 'atop-alliance-level.csv') return { level: 'alliance', nna: false };
  if (lower === 'atop-alliance-phase-level.csv') return { level: 'phase', nna: false };
  return null;
}
