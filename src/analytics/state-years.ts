/**
 * Alliance state-years in the layout of ATOP's state-year file (codebook §2.5): one row per state
 * and year in which it belongs to an alliance, with the obligations it bears toward anyone (not
 * those owed to it), the number of alliances, TRANSYR and the ATOP ids; and, last, `allies`: the
 * number of states it shares an alliance with in the year (its directed dyad-year rows, so 0 for
 * a state the dyads leave out, such as ATOP's placeholder 8152), which ATOP's file does not have.
 */
import type { Engine } from '../core/engine.js';
import { AllianceData, type AllianceYearOptions, type YearRange } from './alliance-years.js';
import { allianceLayout, fillAlliance } from './dyad-years.js';
import { RowBatch, intColumns, type TableStream } from './table.js';

/** ATOP-style state-years from an index: one batch per year, rows ordered by state code. */
export function allianceStateYears(data: AllianceData, years: YearRange): TableStream {
  const segments = data.stateSegments(years);
  const layout = allianceLayout(data, segments, 'state');
  const columns = [...intColumns('state', 'year'), ...layout.columns, ...intColumns('allies')];
  const dyads = data.dyadSegments(years);
  return {
    columns,
    years,
    *batches() {
      const batch = new RowBatch(columns, 256);
      const pairs = data.years(dyads, years)[Symbol.iterator]();
      const allies = new Map<number, number>();
      for (const { year, segments: active } of data.years(segments, years)) {
        batch.clear(year);
        // Directed dyad segments in force this year: one per ordered pair of allies.
        let p = pairs.next();
        while (!p.done && p.value.year < year) p = pairs.next();
        allies.clear();
        if (!p.done) for (const d of p.value.segments) allies.set(d.a, (allies.get(d.a) ?? 0) + 1);
        for (const s of active) {
          const base = batch.addRow(false);
          batch.ints[base] = s.a;
          batch.ints[base + 1] = year;
          fillAlliance(batch, base, 2, layout, s, true);
          batch.ints[base + columns.length - 1] = allies.get(s.a) ?? 0;
        }
        yield batch;
      }
    },
  };
}

/** ATOP-style state-years straight from an engine. */
export function stateYears(engine: Engine, options: AllianceYearOptions & YearRange): TableStream {
  return allianceStateYears(AllianceData.fromEngine(engine, options), { from: options.from, to: options.to });
}
