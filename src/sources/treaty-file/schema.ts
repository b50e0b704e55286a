/**
 * The treaty-file format as a zod schema: the single definition from which files are validated
 * and `docs/treaty-file.schema.json` is generated. See docs/treaty-format.md for the prose.
 */
import { z } from 'zod';
import { EVENT_TYPES, PROVISION_TYPES, RELATION_TYPES, STATED_FIELDS } from '../../core/model.js';
import { isCalendarDate } from '../../core/dates.js';

const dateText = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .refine(isCalendarDate, { message: 'not a calendar date that exists' })
  .describe('A calendar date: YYYY, YYYY-MM or YYYY-MM-DD');

const stateRef = z.union([z.number().int().positive(), z.string().min(1)]).describe('A state: COW code, abbreviation or name');

const sourceRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*(@.+)?$/, 'a source reference: a source id, optionally followed by @ and a place, e.g. text@art. 6')
  .describe('Source id from `sources`, optionally `@` and where in it (article, page, line)');

const sourceRefs = z.array(sourceRef).min(1, 'at least one source');

const period = z
  .strictObject({
    years: z.number().int().nonnegative().optional(),
    months: z.number().int().nonnegative().optional(),
    days: z.number().int().nonnegative().optional(),
  })
  .refine((p) => (p.years ?? 0) + (p.months ?? 0) + (p.days ?? 0) > 0, { message: 'a period must be longer than zero' })
  .describe('A span of years, months and days');

const partySelector = z.union([z.literal('all'), z.literal('others'), z.array(stateRef).min(1)]);

/** Schema of one treaty file. */
export const treatyFileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case id with hyphens, e.g. sino-soviet-1950'),
    atop: z.array(z.number().int().positive()).optional().describe('ATOP alliance ids (atopid) coding this treaty'),
    summary: z.string().optional(),
    names: z
      .array(
        z.strictObject({
          text: z.string().min(1),
          lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as en, zh-Hans, zh-Latn-pinyin'),
          kind: z.enum(['official', 'short', 'alternative']).optional(),
          sources: sourceRefs,
        }),
      )
      .min(1, 'at least one name'),
    sources: z.record(
      z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case source id'),
      z.strictObject({
        kind: z.enum(['treaty-text', 'encyclopedia', 'dataset', 'literature', 'curator']),
        title: z.string().min(1),
        url: z.string().optional(),
        dataset: z.string().optional(),
        version: z.string().optional(),
        file: z.string().optional(),
        note: z.string().optional(),
      }),
    ),
    parties: z
      .array(
        z.strictObject({
          state: stateRef,
          role: z.enum(['original', 'acceded']).optional(),
          sources: sourceRefs,
        }),
      )
      .min(2, 'at least two parties'),
    signatories: z
      .array(z.strictObject({ person: z.string().min(1), party: stateRef.optional(), role: z.string().optional(), sources: sourceRefs }))
      .optional(),
    events: z
      .array(
        z.strictObject({
          type: z.enum(EVENT_TYPES),
          date: dateText,
          party: stateRef.optional(),
          term: period.optional(),
          termFrom: z.enum(['period-end', 'event']).optional().describe('extension: count the new term from the end of the running period (default) or from the event'),
          towards: stateRef.optional().describe('suspension/resumption: only towards this party'),
          note: z.string().optional(),
          sources: sourceRefs,
        }),
      )
      .min(1, 'at least the signature event'),
    duration: z
      .strictObject({
        entryIntoForce: z.enum(['signature', 'exchange-of-ratifications', 'ratification-by-all', 'stated']),
        anchor: z.enum(['signature', 'entry-into-force']).optional(),
        term: period.optional(),
        renewal: z.strictObject({ term: period, times: z.number().int().positive().optional() }).optional(),
        notice: period.optional(),
        withdrawal: period.optional(),
        article: z.string().optional(),
        sources: sourceRefs,
      })
      .optional(),
    provisions: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case provision id with hyphens'),
          type: z.enum(PROVISION_TYPES),
          article: z.union([z.string(), z.number()]).transform(String).optional(),
          bearers: partySelector.optional(),
          beneficiaries: partySelector.optional(),
          condition: z.string().min(1).optional(),
          conditionText: z.string().optional(),
          summary: z.string().optional(),
          terms: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
          from: dateText.optional(),
          until: dateText.optional(),
          sources: sourceRefs,
        }),
      )
      .optional(),
    relations: z
      .array(z.strictObject({ type: z.enum(RELATION_TYPES), treaty: z.string().min(1), note: z.string().optional(), sources: sourceRefs }))
      .optional(),
    claims: z
      .array(
        z.strictObject({
          field: z.enum(STATED_FIELDS),
          value: dateText,
          party: stateRef.optional(),
          note: z.string().optional(),
          sources: sourceRefs,
        }),
      )
      .optional(),
  })
  .describe('A Pacta treaty file');

/** A treaty file as written, after schema validation (states not yet resolved). */
export type TreatyFile = z.output<typeof treatyFileSchema>;

/** The JSON Schema of the treaty-file format, generated from the zod schema. */
export function treatyFileJsonSchema(): unknown {
  return z.toJSONSchema(treatyFileSchema, { io: 'input', unrepresentable: 'any' });
}
