// The supplier rating job (`supplier-rating`, reports queue, daily): each
// supplier's scorecard over the last 90 days sets its `rating` (1–5) when the
// scorecard has a score and the rating differs. The write is the documents'
// version-guarded change with an event, so the rating's history shows who (the
// system) changed it and from which score; a supplier edited meanwhile is left
// for the next run rather than overwritten.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { SYSTEM_ACTOR } from '../approvals/index';
import { applyChange, documentsCollection, type DocumentServices } from '../documents/index';
import { AppError } from '../errors';
import { computeScorecards } from './scorecard';

dayjs.extend(utc);

export const SUPPLIER_RATING_JOB = 'supplier-rating';
export const RATING_WINDOW_DAYS = 90;

export interface RatingReport {
  scored: number;
  updated: number;
  conflicts: number;
}

export async function updateSupplierRatings(input: { engine: DocumentServices; now: Date }): Promise<RatingReport> {
  const { store } = input.engine;
  const to = dayjs.utc(input.now).format('YYYY-MM-DD');
  const from = dayjs.utc(input.now).subtract(RATING_WINDOW_DAYS, 'day').format('YYYY-MM-DD');
  const cards = await computeScorecards(store, { from, to });
  const report: RatingReport = { scored: 0, updated: 0, conflicts: 0 };
  for (const card of cards) {
    if (card.rating === null) continue;
    report.scored += 1;
    const current = await documentsCollection(store, 'supplier').findById(card.supplier);
    if (!current || current.data.rating === card.rating) continue;
    try {
      await applyChange(store, {
        engine: input.engine,
        current,
        expectedVersion: current.version,
        data: { ...current.data, rating: card.rating },
        event: {
          kind: 'updated',
          comment: `供应商评估 ${from}–${to}：评分 ${card.score} → 评级 ${card.rating}`,
          details: { scorecard: { from, to, score: card.score, rating: card.rating } },
        },
        actor: SYSTEM_ACTOR,
        now: input.now,
      });
      report.updated += 1;
    } catch (err) {
      if (err instanceof AppError && err.code === 'VERSION_CONFLICT') report.conflicts += 1;
      else throw err;
    }
  }
  return report;
}
