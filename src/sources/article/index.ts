/**
 * Encyclopedia article import: extract treaty facts from plain-text renderings (or wikitext)
 * of treaty articles, turn them into claims with their source, and match them to treaties.
 */
export { extractArticle } from './extract.js';
export { articleToClaims, resolveArticleParties, sourceIdFor } from './claims.js';
export type { ArticleClaimOptions, ArticleClaims, ArticlePartyName, PartyResolution, ResolvedParty, UnresolvedParty } from './claims.js';
export { matchArticle } from './match.js';
export type { ArticleMatch, CandidateAssessment } from './match.js';
export type { ArticleExtraction, ArticleOrigin, Located, OtherName } from './types.js';
