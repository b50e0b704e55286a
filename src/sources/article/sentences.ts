/**
 * Sentence splitting for encyclopedia prose. Periods after initials and common abbreviations
 * (`U.S.`, `D.C.`, `Mr.`) do not end a sentence; a footnote marker after a comma followed by
 * "The"/"It"/"This" does (mirrors sometimes lose the full stop there: "in Beijing, [8] The treaty…").
 */

/** A sentence with its offset in the line it comes from. */
export interface Sentence {
  readonly text: string;
  readonly start: number;
}

const ABBREVIATIONS = new Set(
  'U.S U.K U.N U.S.S.R D.C Mr Mrs Ms Dr St No Nos Jr Sr Gen Col Lt Gov Sen Rep Mt Ft vs etc e.g i.e approx Inc Ltd Co Art Arts Vol pp p c ca cf Fr Br Adm Capt Maj Prof Rev Hon Pres Amb Sec Min Dept Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec'.split(
    ' ',
  ),
);

/** Splits one paragraph into sentences. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let depth = 0;
  const push = (end: number, next: number): void => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim()) out.push({ text: raw.trim(), start: start + lead });
    start = next;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    if (ch === '.' || ch === '!' || ch === '?') {
      const after = /^["”’)]*(?:\s?\[[^\]]{1,20}\])*\s+(?=["“(]?[\p{Lu}\p{N}])/u.exec(text.slice(i + 1));
      if (!after) continue;
      if (ch === '.') {
        const word = /([\p{L}.]+)$/u.exec(text.slice(0, i))?.[1] ?? '';
        if (/^\p{Lu}$/u.test(word) || ABBREVIATIONS.has(word) || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(word)) continue;
      }
      push(i + 1, i + 1 + after[0].length);
      i += after[0].length;
    } else if (ch === ',') {
      const lost = /^\s?(?:\[[^\]]{1,20}\]\s?)+(?=(?:The|It|This) )/u.exec(text.slice(i + 1));
      if (lost) {
        push(i, i + 1 + lost[0].length);
        i += lost[0].length;
      }
    }
  }
  push(text.length, text.length);
  return out;
}

/** A copy of `s` in which everything inside parentheses or brackets is replaced by `_`, offsets kept. */
export function maskBrackets(s: string): string {
  let depth = 0;
  let out = '';
  for (const ch of s) {
    const open = ch === '(' || ch === '[';
    const close = ch === ')' || ch === ']';
    if (open) depth++;
    out += depth > 0 ? '_'.repeat(ch.length) : ch;
    if (close) depth = Math.max(0, depth - 1);
  }
  return out;
}
