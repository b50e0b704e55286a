/**
 * What the article extractor returns: every value with the line (and, where known, the
 * column) of the text it was read from, and the warnings about what was seen but not read.
 */
import type { CalendarDate } from '../../core/dates.js';
import type { Problem } from '../../core/errors.js';

/** Where in the article a value was read. */
export type ArticleOrigin = 'heading' | 'infobox' | 'names-table' | 'lead' | 'prose';

/** A value with the 1-based line and column of the text it came from. */
export interface Located<T> {
  readonly value: T;
  readonly line: number;
  /** 1-based column in code points of the NFC line; absent when unknown (wikitext). */
  readonly column?: number;
  readonly origin: ArticleOrigin;
}

/** A name of the treaty in another language or script, with its BCP 47 tag. */
export interface OtherName {
  readonly lang: string;
  readonly text: string;
  readonly line: number;
  readonly column?: number;
  readonly origin: ArticleOrigin;
}

/** The treaty facts an encyclopedia article states. A field the text does not state is absent. */
export interface ArticleExtraction {
  /** The name the extraction is reported under (a path, usually). */
  readonly file: string;
  /** `plain` for mirror renderings, `wikitext` for MediaWiki source. */
  readonly format: 'plain' | 'wikitext';
  readonly title?: Located<string>;
  readonly otherNames: readonly OtherName[];
  readonly signed?: Located<CalendarDate>;
  readonly effective?: Located<CalendarDate>;
  readonly expiry?: Located<CalendarDate>;
  /** Where the treaty was signed, as written ("Dunkirk, France"). */
  readonly location?: Located<string>;
  /** People who signed, without office titles, in the order given. */
  readonly signatories?: readonly Located<string>[];
  /** States, as named in the article; see `resolveArticleParties` for COW codes. */
  readonly parties?: readonly Located<string>[];
  /** What was seen but not read, and disagreements between infobox and prose. */
  readonly warnings: readonly Problem[];
}
