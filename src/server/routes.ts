/**
 * The API routes: every engine query over HTTP, each answer with its explanation.
 */
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../core/engine.js';
import { earliestDay, parseCalendarDate, type CalendarDate, type IsoDay } from '../core/dates.js';
import type { AllianceType, CCode, DisagreementField, ProvisionType } from '../core/model.js';
import { atopObservation, type SourceFilter } from '../app/engine.js';
import { sourceLabel } from '../app/exports.js';
import type { Store } from '../store/store.js';
import type { EngineSet } from './engines.js';
import { HttpError, forField } from './errors.js';
import { networkIndex } from './network.js';
import { stateHistory } from './state-history.js';
import { AlliesBodies } from './answers.js';
import {
  ALLIANCE_TYPE_LIST,
  FIELD_LIST,
  NOTICES,
  PROVISION_TYPE_LIST,
  answer,
  dateParam,
  errorResponses,
  sourceParam,
  atopVersionParam,
  stateParam,
  stateRef,
  treatyIdParam,
  typesParam,
  type Limits,
} from './schemas.js';

interface SourceQuery {
  source?: SourceFilter;
  atopVersion?: string;
}

/** Parses a date parameter; a date that does not exist (1950-02-30) is a 400 naming the field. */
function dateOf(value: string, field = 'on'): { date: CalendarDate; day: IsoDay } {
  const date = forField(field, dateParam.description, () => parseCalendarDate(value));
  return { date, day: earliestDay(date) };
}

/** Splits and checks a types parameter. */
function typesOf<T extends string>(raw: readonly string[] | undefined, allowed: readonly string[], field = 'type'): T[] | undefined {
  if (!raw || raw.length === 0) return undefined;
  const list = [...new Set(raw.flatMap((r) => r.split(',')).map((s) => s.trim()).filter(Boolean))];
  const bad = list.find((t) => !allowed.includes(t));
  if (bad !== undefined || list.length > allowed.length) {
    throw new HttpError(400, 'E_INVALID_PARAMETER', `the query parameter '${field}' has an unknown type '${String(bad).slice(0, 40)}'`, { field, expected: `obligation types from: ${allowed.join(', ')}` });
  }
  if (list.length === 0) {
    throw new HttpError(400, 'E_INVALID_PARAMETER', `the query parameter '${field}' names no obligation type`, { field, expected: `obligation types from: ${allowed.join(', ')}; leave '${field}' out for all of them` });
  }
  return list as T[];
}

function stateOf(engine: Engine, value: string, field: string, day?: IsoDay): CCode {
  return forField(field, stateParam.description, () => engine.registry.resolve(value, day));
}

function treatyOf(engine: Engine, value: string, field = 'id'): string {
  return forField(field, treatyIdParam.properties.id.description, () => engine.resolveTreaty(value));
}

/** Registers the `/api` routes. */
export function registerRoutes(app: FastifyInstance, deps: { engines: EngineSet; store: Store | undefined; limits: Limits }): void {
  const { engines, store, limits } = deps;
  const limitParam = { type: 'integer', minimum: 1, maximum: limits.maxResults, default: 20, description: `how many results at most, 1 to ${limits.maxResults}` } as const;
  const engineFor = (q: SourceQuery): Promise<Engine> => engines.get(q.source ?? 'all', q.atopVersion);
  // Allies answers by the obligations they are computed from: most days of a state repeat another
  // day's answer. 64 MiB: over 14,000 requests for new (state, date) pairs with ATOP loaded (2,556
  // answers, 123 MB), 85 % of the last 5,000 were served from it, against 77 % with 32 MiB.
  const alliesBodies = new AlliesBodies(64 * 1024 * 1024);

  app.get('/api/health', {
    schema: {
      tags: ['meta'],
      summary: 'Whether the server is up, and what it holds',
      response: {
        200: {
          type: 'object',
          properties: {
            ok: { type: 'boolean' },
            today: { type: 'string' },
            treaties: { type: 'integer' },
            polities: { type: 'integer' },
            origins: { type: 'object', additionalProperties: { type: 'integer' } },
            atopReleases: {
              type: 'array',
              description: 'the ATOP releases the store holds, oldest first, with the days each observes; the last is the default `atopVersion`',
              items: { type: 'object', properties: { version: { type: 'string' }, from: { type: ['string', 'null'] }, until: { type: ['string', 'null'] } } },
            },
          },
        },
      },
    },
  }, async () => {
    const engine = engines.all;
    const origins: Record<string, number> = {};
    for (const p of engine.periods()) origins[p.treaty.origin] = (origins[p.treaty.origin] ?? 0) + 1;
    const counts = store ? await store.counts() : undefined;
    const atopReleases = engines.versions.map((version) => {
      const span = atopObservation(version);
      return { version, from: span?.from ?? null, until: span?.until ?? null };
    });
    return { ok: true, today: engine.today, treaties: engine.treatyIds().length, polities: engine.registry.all().length, origins, atopReleases, ...(counts ? { store: counts } : {}) };
  });

  app.get<{ Querystring: { q: string; limit: number } & SourceQuery }>('/api/search', {
    schema: {
      tags: ['search'],
      summary: 'Find treaties and states by any name, script, alias or code',
      querystring: {
        type: 'object',
        required: ['q'],
        properties: {
          q: { type: 'string', minLength: 1, maxLength: limits.maxQueryLength, description: `text to look for, 1 to ${limits.maxQueryLength} characters: a name in any script, an alias, a COW code or abbreviation, a treaty id or atop:<id>` },
          limit: limitParam,
          source: sourceParam, atopVersion: atopVersionParam,
        },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            query: { type: 'string' },
            treaties: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, names: { type: 'array', items: { type: 'string' } }, origin: { type: 'string' } } } },
            states: { type: 'array', items: { type: 'object', properties: { ccode: { type: 'integer' }, name: { type: 'string' }, abbrev: { type: 'string' }, aliases: { type: 'array', items: { type: 'string' } } } } },
          },
        },
        ...errorResponses,
      },
    },
  }, async (req) => {
    const engine = await engineFor(req.query);
    const q = req.query.q;
    const treaties = engine.searchTreaties(q, req.query.limit).map((t) => ({ id: t.id, name: t.name, names: t.names, origin: engine.getTreaty(t.id)?.origin ?? 'unknown' }));
    const states = engine.registry.search(q, req.query.limit).map((p) => ({ ccode: p.ccode, name: p.name, abbrev: p.abbrev, aliases: p.aliases }));
    return { query: q, treaties, states };
  });

  app.get('/api/states', {
    schema: {
      tags: ['states'],
      summary: 'Every state in the registry, with codes, names and aliases',
      response: { 200: { type: 'object', properties: { states: { type: 'array', items: { type: 'object', properties: { ccode: { type: 'integer' }, abbrev: { type: 'string' }, name: { type: 'string' }, aliases: { type: 'array', items: { type: 'string' } } } } } } } },
    },
  }, async () => {
    const engine = engines.all;
    return { states: engine.registry.all().map((p) => ({ ccode: p.ccode, abbrev: p.abbrev, name: p.name, aliases: p.aliases, ...(p.spells.length ? { spells: p.spells } : {}) })) };
  });

  app.get<{ Params: { state: string }; Querystring: SourceQuery }>('/api/states/:state', {
    schema: {
      tags: ['states'],
      summary: "A state's whole treaty history: its spells in every treaty and every obligation it bore or was owed",
      params: { type: 'object', required: ['state'], properties: { state: stateParam } },
      querystring: { type: 'object', properties: { source: sourceParam, atopVersion: atopVersionParam } },
      response: {
        200: answer('The state and its history', {
          state: { type: 'object', properties: { ccode: { type: 'integer' }, abbrev: { type: 'string' }, name: { type: 'string' }, aliases: { type: 'array', items: { type: 'string' } } } },
          range: { type: 'object', properties: { start: { type: ['string', 'null'] }, end: { type: ['string', 'null'] } } },
          treaties: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, origin: { type: 'string' }, types: { type: 'array', items: { type: 'string' } }, spells: { type: 'array', items: { type: 'object', properties: { start: { type: 'string' }, end: { type: ['string', 'null'] }, endReason: { type: ['string', 'null'] } } } } } } },
          obligations: { type: 'array', items: { type: 'object', properties: { treaty: { type: 'string' }, provision: { type: 'string' }, type: { type: 'string' }, direction: { type: 'string', enum: ['owes', 'owed'] }, counterparts: { type: 'array', items: { type: 'object', properties: { ccode: { type: 'integer' }, name: { type: 'string' }, start: { type: 'string' }, end: { type: ['string', 'null'] } } } } } } },
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const engine = await engineFor(req.query);
    const code = stateOf(engine, req.params.state, 'state');
    const p = engine.registry.get(code);
    const h = stateHistory(engine, code);
    return {
      state: { ccode: code, abbrev: p?.abbrev ?? String(code), name: engine.registry.nameOf(code), aliases: p?.aliases ?? [], spells: p?.spells ?? [] },
      range: h.range,
      treaties: h.treaties,
      obligations: h.obligations,
      explanation: { claims: [], steps: h.steps },
    };
  });

  app.get<{ Querystring: { state?: string; on?: string; limit: number; offset: number } & SourceQuery }>('/api/treaties', {
    schema: {
      tags: ['treaties'],
      summary: 'Treaties a state was bound by on a date (state and on), or every treaty (paged)',
      querystring: {
        type: 'object',
        properties: {
          state: stateParam,
          on: dateParam,
          source: sourceParam, atopVersion: atopVersionParam,
          limit: { ...limitParam, default: limits.maxResults },
          offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0, description: 'how many treaties to skip when listing all' },
        },
      },
      response: {
        200: answer('With state and on: the treaties binding the state that day. Without: a page of every treaty.', {
          state: stateRef,
          on: { type: 'string' },
          notices: NOTICES,
          total: { type: 'integer' },
          treaties: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, origin: { type: 'string' }, since: { type: 'string' }, until: { type: ['string', 'null'] }, start: { type: ['string', 'null'] }, end: { type: ['string', 'null'] }, parties: { type: 'array', items: { type: 'integer' } } } } },
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const engine = await engineFor(req.query);
    const { state, on } = req.query;
    if (state !== undefined || on !== undefined) {
      if (state === undefined) throw new HttpError(400, 'E_INVALID_PARAMETER', "the query parameter 'state' is required with 'on'", { field: 'state', expected: stateParam.description });
      if (on === undefined) throw new HttpError(400, 'E_INVALID_PARAMETER', "the query parameter 'on' is required with 'state'", { field: 'on', expected: dateParam.description });
      const { date, day } = dateOf(on);
      const code = stateOf(engine, state, 'state', day);
      return engine.treatiesOf(code, date);
    }
    const all = [...engine.periods()].sort((a, b) => a.treaty.id.localeCompare(b.treaty.id));
    const page = all.slice(req.query.offset, req.query.offset + req.query.limit);
    return {
      total: all.length,
      offset: req.query.offset,
      treaties: page.map((p) => ({ id: p.treaty.id, name: p.treaty.names.find((n) => n.lang === 'en')?.text ?? p.treaty.id, origin: p.treaty.origin, start: p.start, end: p.end, parties: [...new Set(p.spells.map((s) => s.state))] })),
      explanation: { claims: [], steps: [{ text: `${all.length} treaties in the store; periods computed from their clauses and events, or as their sources state them.`, sources: [] }] },
    };
  });

  app.get<{ Params: { id: string }; Querystring: SourceQuery }>('/api/treaties/:id', {
    schema: {
      tags: ['treaties'],
      summary: 'Everything known about a treaty: names, dates with every source and disagreement, parties, provisions, relations, sources',
      params: treatyIdParam,
      querystring: { type: 'object', properties: { source: sourceParam, atopVersion: atopVersionParam } },
      response: {
        200: answer('The treaty', {
          id: { type: 'string' },
          name: { type: 'string' },
          names: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, lang: { type: 'string' }, kind: { type: 'string' } } } },
          facts: { type: 'object', description: 'signed, in-force and end: the value in use, the chosen alternative and every alternative with its sources' },
          period: { type: 'object', properties: { start: { type: ['string', 'null'] }, end: { type: ['string', 'null'] } } },
          parties: { type: 'array', items: { type: 'object' } },
          provisions: { type: 'array', items: { type: 'object' } },
          relations: { type: 'array', description: 'what this treaty states of others: type, treaty, name, note, sources', items: { type: 'object' } },
          relatedFrom: { type: 'array', description: 'what other treaties state of this one: type, treaty, name, note, sources', items: { type: 'object' } },
          disagreements: { type: 'array', items: { type: 'object' } },
          sources: { type: 'array', items: { type: 'object' } },
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const engine = await engineFor(req.query);
    return engine.treaty(treatyOf(engine, req.params.id));
  });

  app.get<{ Params: { id: string }; Querystring: { on: string } & SourceQuery }>('/api/treaties/:id/in-force', {
    schema: {
      tags: ['treaties'],
      summary: 'Whether a treaty was in force on a date (a vague date may be "partly")',
      params: treatyIdParam,
      querystring: { type: 'object', required: ['on'], properties: { on: dateParam, source: sourceParam, atopVersion: atopVersionParam } },
      response: {
        200: answer('The verdict with the period and disagreements', {
          treaty: { type: 'string' },
          on: { type: 'string' },
          inForce: { oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['partly'] }] },
          period: { type: 'object', properties: { start: { type: ['string', 'null'] }, end: { type: ['string', 'null'] } } },
          disagreements: { type: 'array', items: { type: 'object' } },
          notices: NOTICES,
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const engine = await engineFor(req.query);
    const { date } = dateOf(req.query.on);
    return engine.inForce(treatyOf(engine, req.params.id), date);
  });

  app.get<{ Params: { id: string }; Querystring: { on: string } & SourceQuery }>('/api/treaties/:id/parties', {
    schema: {
      tags: ['treaties'],
      summary: 'The parties bound by a treaty on a date',
      params: treatyIdParam,
      querystring: { type: 'object', required: ['on'], properties: { on: dateParam, source: sourceParam, atopVersion: atopVersionParam } },
      response: {
        200: answer('The parties', { treaty: { type: 'string' }, on: { type: 'string' }, notices: NOTICES, parties: { type: 'array', items: { type: 'object', properties: { ccode: { type: 'integer' }, name: { type: 'string' }, since: { type: 'string' }, until: { type: ['string', 'null'] }, suspended: { type: 'boolean' } } } } }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const engine = await engineFor(req.query);
    const { date } = dateOf(req.query.on);
    return engine.parties(treatyOf(engine, req.params.id), date);
  });

  app.get<{ Querystring: { state: string; on: string; type?: string[] } & SourceQuery }>('/api/allies', {
    schema: {
      tags: ['states'],
      summary: 'Who was allied with a state on a date, under which obligations',
      querystring: { type: 'object', required: ['state', 'on'], properties: { state: stateParam, on: dateParam, type: typesParam(ALLIANCE_TYPE_LIST), source: sourceParam, atopVersion: atopVersionParam } },
      response: {
        200: answer('The allies', {
          state: stateRef,
          on: { type: 'string' },
          types: { type: 'array', items: { type: 'string' } },
          notices: NOTICES,
          allies: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                ccode: { type: 'integer' },
                name: { type: 'string' },
                treaties: { type: 'array', items: { type: 'string' } },
                obligations: {
                  type: 'array',
                  description: 'the obligations linking the two states that day; the texts of each provision are in `provisions` under `treaty/provision`',
                  items: { type: 'object', properties: { treaty: { type: 'string' }, provision: { type: 'string' }, type: { type: 'string' }, bearer: { type: 'integer' }, beneficiary: { type: 'integer' }, start: { type: 'string' }, end: { type: ['string', 'null'] } } },
                },
              },
            },
          },
          provisions: {
            type: 'object',
            description: 'each provision named by an obligation, once, keyed `treaty/provision`: its type, article, summary and condition',
            additionalProperties: { type: 'object', properties: { type: { type: 'string' }, article: { type: 'string' }, summary: { type: 'string' }, condition: { type: 'string' }, conditionText: { type: 'string' } } },
          },
        }, 'CompactExplanation'),
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const engine = await engineFor(req.query);
    const { date, day } = dateOf(req.query.on);
    const types = typesOf<AllianceType>(req.query.type, ALLIANCE_TYPE_LIST);
    const code = stateOf(engine, req.query.state, 'state', day);
    return reply.type('application/json; charset=utf-8').send(alliesBodies.body(engine.allies(code, date, types ? { type: types } : {})));
  });

  app.get<{ Querystring: { state: string; on: string } & SourceQuery }>('/api/obligations', {
    schema: {
      tags: ['states'],
      summary: 'What a state owed, to whom and on which conditions, on a date, and what it was owed',
      querystring: { type: 'object', required: ['state', 'on'], properties: { state: stateParam, on: dateParam, source: sourceParam, atopVersion: atopVersionParam } },
      response: {
        200: answer('The obligations', { state: stateRef, on: { type: 'string' }, notices: NOTICES, owes: { type: 'array', items: { type: 'object' } }, owedBy: { type: 'array', items: { type: 'object' } } }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const engine = await engineFor(req.query);
    const { date, day } = dateOf(req.query.on);
    return engine.obligations(stateOf(engine, req.query.state, 'state', day), date);
  });

  app.get<{ Querystring: { attacker: string; target: string; on: string; location?: string; provoked?: string; conflict?: string } & SourceQuery }>('/api/triggered', {
    schema: {
      tags: ['states'],
      summary: 'Which obligations an attack by one state on another on a date would trigger, with each condition evaluated',
      querystring: {
        type: 'object',
        required: ['attacker', 'target', 'on'],
        properties: {
          attacker: stateParam,
          target: stateParam,
          on: dateParam,
          location: { type: 'string', maxLength: 40, pattern: '^[a-z][a-z-]*$', description: 'where the attack happens: a region word such as europe, asia, middle-east, africa, americas, pacific, atlantic' },
          provoked: { type: 'string', enum: ['yes', 'no', 'true', 'false'], description: 'whether the target provoked the attack: yes or no' },
          conflict: { type: 'string', maxLength: 40, pattern: '^[a-z][a-z-]*$', description: 'the type of conflict, a lowercase word such as war or border' },
          source: sourceParam, atopVersion: atopVersionParam,
        },
      },
      response: {
        200: answer('The triggered, untriggered, undetermined and breached obligations', {
          attacker: stateRef,
          target: stateRef,
          on: { type: 'string' },
          notices: NOTICES,
          obligations: {
            type: 'array',
            items: { type: 'object', properties: { treaty: { type: 'string' }, provision: { type: 'string' }, type: { type: 'string' }, bearer: { type: 'integer' }, bearerName: { type: 'string' }, status: { type: 'string', enum: ['triggered', 'not-triggered', 'undetermined', 'breached'] }, conditionText: { type: 'string' }, reason: { type: 'string' } } },
          },
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const engine = await engineFor(req.query);
    const { date, day } = dateOf(req.query.on);
    const attacker = stateOf(engine, req.query.attacker, 'attacker', day);
    const target = stateOf(engine, req.query.target, 'target', day);
    if (attacker === target) throw new HttpError(400, 'E_INVALID_PARAMETER', 'the attacker and the target are the same state', { field: 'target', expected: 'a state other than the attacker' });
    const { location, provoked, conflict } = req.query;
    return engine.triggered(attacker, target, date, {
      ...(location ? { location } : {}),
      ...(provoked ? { provoked: provoked === 'yes' || provoked === 'true' } : {}),
      ...(conflict ? { conflict } : {}),
    });
  });

  app.get<{ Querystring: { treaty?: string; field?: DisagreementField } & SourceQuery }>('/api/disagreements', {
    schema: {
      tags: ['treaties'],
      summary: 'Facts on which sources disagree, side by side, with the value in use',
      querystring: {
        type: 'object',
        properties: {
          treaty: { ...treatyIdParam.properties.id },
          field: { type: 'string', enum: [...FIELD_LIST], description: `one of ${FIELD_LIST.join(', ')}` },
          source: sourceParam, atopVersion: atopVersionParam,
        },
      },
      response: { 200: { type: 'object', properties: { disagreements: { type: 'array', items: { type: 'object', properties: { treaty: { type: 'string' }, field: { type: 'string' }, party: { type: 'object', properties: { ccode: { type: 'integer' }, name: { type: 'string' } } }, value: { type: ['string', 'null'] }, alternatives: { type: 'array', items: { type: 'object' } } } } } } }, ...errorResponses },
    },
  }, async (req) => {
    const engine = await engineFor(req.query);
    const treaty = req.query.treaty !== undefined ? treatyOf(engine, req.query.treaty, 'treaty') : undefined;
    const list = engine.disagreements({ ...(treaty ? { treaty } : {}), ...(req.query.field ? { field: req.query.field } : {}) });
    return {
      disagreements: list,
      explanation: {
        claims: [],
        steps: list.map((d) => {
          const shown = (v: string | null) => v ?? (d.field === 'membership' ? 'not a party' : 'open');
          return { text: `${d.treaty}: ${d.field}${d.party ? ` of ${d.party.name}` : ''} is ${shown(d.value)} in use; sources say ${d.alternatives.map((a) => `${shown(a.value)} (${a.kind})`).join(', ')}.`, sources: [] };
        }),
      },
    };
  });

  app.get<{ Querystring: { on: string; type?: string[]; claims?: boolean } & SourceQuery }>('/api/network', {
    schema: {
      tags: ['network'],
      summary: 'The alliance network on a date: states as nodes, obligations grouped per pair as edges (directed where one-way)',
      querystring: {
        type: 'object',
        required: ['on'],
        properties: {
          on: dateParam,
          type: { ...typesParam(PROVISION_TYPE_LIST), description: `obligation types, comma-separated or repeated (default: the five alliance types ${ALLIANCE_TYPE_LIST.join(', ')}); from: ${PROVISION_TYPE_LIST.join(', ')}` },
          source: sourceParam, atopVersion: atopVersionParam,
          claims: { type: 'boolean', default: false, description: 'true to list the claims (entry into force and end, with sources) of every treaty in the network' },
        },
      },
      response: {
        200: answer('The network', {
          on: { type: 'string' },
          types: { type: 'array', items: { type: 'string' } },
          source: { type: 'string' },
          notices: NOTICES,
          stable: { type: 'object', description: 'The stretch of days with the same network: from (first day) and until (first day of the next stretch). Its notices may differ within it (they depend on whether the day lies after a dataset’s last day)', properties: { from: { type: ['string', 'null'] }, until: { type: ['string', 'null'] } } },
          nodes: { type: 'array', items: { type: 'object', properties: { ccode: { type: 'integer' }, name: { type: 'string' }, abbrev: { type: 'string' }, degree: { type: 'integer' } } } },
          edges: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                source: { type: 'integer' },
                target: { type: 'integer' },
                directed: { type: 'boolean' },
                types: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, direction: { type: 'string', enum: ['both', 'forward', 'backward'] } } } },
                treaties: { type: 'array', items: { type: 'string' } },
                obligations: { type: 'integer' },
              },
            },
          },
          treaties: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, origin: { type: 'string' }, start: { type: ['string', 'null'] }, end: { type: ['string', 'null'] }, obligations: { type: 'integer' } } } },
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const source = req.query.source ?? 'all';
    const engine = await engines.get(source, req.query.atopVersion);
    const { date, day } = dateOf(req.query.on);
    const types = typesOf<ProvisionType>(req.query.type, PROVISION_TYPE_LIST) ?? [...ALLIANCE_TYPE_LIST] as ProvisionType[];
    const ix = networkIndex(engine);
    const graph = ix.graph(day, types);
    const steps = [
      {
        text: `On ${day}, ${graph.obligationCount} obligations of type ${types.join(', ')} were in force (source: ${sourceLabel(engine, source)}) between ${graph.nodes.length} states, under ${graph.treaties.length} treaties; obligations are grouped per pair of states.`,
        sources: [],
      },
      ...graph.treaties.map((t) => ({ text: `${t.id} (${t.name}): in force ${t.start ?? '?'} to ${t.end ?? 'no end yet'}; ${t.obligations} obligations on this day.`, sources: [] })),
    ];
    return {
      on: date,
      types,
      source,
      stable: ix.stretchBounds(day),
      nodes: graph.nodes,
      edges: graph.edges,
      treaties: graph.treaties,
      notices: engine.coverageNotices(day, graph.treaties.map((t) => t.id)),
      explanation: { claims: req.query.claims ? ix.claims(graph) : [], steps },
    };
  });
}
