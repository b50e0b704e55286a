/**
 * Pacta as a library: the pure core (dates, model, engine), the stores, and the application
 * functions the CLI and the HTTP API are built from.
 */
export * from './core/dates.js';
export * from './core/errors.js';
export type * from './core/model.js';
export { ALLIANCE_TYPES, EVENT_TYPES, PROVISION_TYPES, RELATION_TYPES, STATED_FIELDS, DISAGREEMENT_FIELDS, type DisagreementField } from './core/model.js';
export { PolityRegistry, normalizeName } from './core/polities.js';
export { computeLifecycle, type Lifecycle, type PartySpell, type TermPeriod } from './core/lifecycle.js';
export { resolveFacts, resolvePartyFacts, policyFrom, DEFAULT_POLICY, type Fact, type PartyFact, type PartyField, type Alternative, type ResolutionPolicy } from './core/facts.js';
export { checkCondition, evaluateCondition, CONDITION_VARIABLES, type AttackContext } from './core/conditions.js';
export { Engine, type Obligation, type Ally, type InForceAnswer, type Disagreement, type TriggeredObligation } from './core/engine.js';
export type { Explanation, Step, UsedClaim, ResolvedSourceRef } from './core/explain.js';
export { parseTreatyFile, checkTreatyFiles } from './sources/treaty-file/parse.js';
export { treatyFileJsonSchema } from './sources/treaty-file/schema.js';
export type { Store, StoreWriter, ImportRecord, OpenStoreOptions } from './store/store.js';
export { StoreOpenError, StoreReadOnlyError } from './store/store.js';
export { openSqliteStore } from './store/sqlite/sqlite-store.js';
export { engineOver, openEngine, readContents, today, type OpenEngineOptions, type SourceFilter, type StoreContents } from './app/engine.js';
export { checkFiles, loadFiles, type CheckResult, type LoadResult } from './app/treaty-files.js';
export { loadRegistry } from './app/registry.js';
export { CORPUS_DIR, REGISTRY_FILE, databasePath } from './app/files.js';
export { AllianceData, OPEN_YEAR, type AllianceInfo, type AllianceYearOptions, type Segment, type YearRange } from './analytics/alliance-years.js';
export { dyadYears, allianceDyadYears, FLAG_COLUMNS, type DyadUnit, type DyadYearOptions } from './analytics/dyad-years.js';
export { systemDyadYears, frameDyadYears, systemStates, type FrameOptions, type StateSystem, type SystemState } from './analytics/frame.js';
export { stateYears, allianceStateYears } from './analytics/state-years.js';
export { NA, RowBatch, collectRecords, type BatchOptions, type Column, type TableStream } from './analytics/table.js';
export { allianceNetwork, networkMeasures, engineNetworkInput } from './analytics/network.js';
export { formatNetwork } from './analytics/network-formats.js';
export { writeTable, formatOf } from './analytics/write.js';
export { planTable, exportTable, planNetwork, checkNetworkPeriod, exportNetwork, outputFormat, allianceCoverage, ExportOptionError, type TableInput, type TablePlan, type NetworkExportInput, type NetworkPlan } from './app/exports.js';
export { importArticles } from './app/import-article.js';
export { importAtop } from './app/import-atop.js';
export { importCowStates, importGwStates } from './app/import-states.js';
export { openStore, type StoreAccess } from './app/store.js';
export { openPostgresStore } from './store/postgres/postgres-store.js';
