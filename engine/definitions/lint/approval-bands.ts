// Approval bands over one numeric variable (usually data.total).
//
// Two ways of writing levels are both legitimate and must not be confused:
//  - cumulative thresholds: each level applies from a threshold upwards
//    (`total >= 10000` → manager, `total >= 100000` → finance too). They overlap by
//    design — a large order needs every level below it — and cannot leave a gap.
//  - explicit ranges: a level bounded above (`total <= 10000`, `10000 < total <= 50000`)
//    partitions the axis; its neighbours must meet it exactly.
// The rule: two levels' bands that intersect are an overlap only when the one that
// starts lower (ties: the cumulative one counts as starting lower) is bounded above —
// a range spilling into the next band. Anything layered on top of a cumulative
// threshold is fine. A gap is any stretch between the lowest lower bound and the
// highest upper bound that no level covers (below the lowest threshold no approval is
// needed by design). When every band stops at a finite upper bound, amounts above it
// need no approval at all: a warning, since that is rarely meant.
import type { Finding } from '../types';
import { finding, pointer, type Check } from './finding';
import { bandsOf, format, intersect, union, type Interval } from './bands';
import { levelLists } from './approval-levels';

const RULE = 'approval-band';

/** Of two intersecting intervals, the one that starts lower. */
function base(a: Interval, b: Interval): Interval {
  if (a.lo !== b.lo) return a.lo < b.lo ? a : b;
  if (a.loIn !== b.loIn) return a.loIn ? a : b;
  return a.hi === Infinity ? a : b;
}

export const checkApprovalBands: Check = ({ def }) => {
  const out: Finding[] = [];
  for (const { levels, base: at } of levelLists(def)) {
    const bands = levels.map((level) => bandsOf(level.when));
    const names = new Set(bands.flatMap((b) => [...(b?.keys() ?? [])]));
    for (const name of names) {
      const entries = levels
        .map((level, j) => ({ level, j, intervals: bands[j]?.get(name) ?? [] }))
        .filter((e) => e.intervals.length > 0);
      for (let a = 0; a < entries.length; a++) {
        for (let b = a + 1; b < entries.length; b++) {
          for (const ia of entries[a].intervals) {
            for (const ib of entries[b].intervals) {
              const common = intersect(ia, ib);
              if (!common || base(ia, ib).hi === Infinity) continue;
              const [la, lb] = [entries[a].level, entries[b].level];
              out.push(
                finding(
                  RULE,
                  'error',
                  pointer(...at, entries[b].j, 'when'),
                  `审批级别 “${la.label['zh-CN']}” 与 “${lb.label['zh-CN']}” 的 ${name} 区间在 ${format(common)} 重叠；请让区间首尾相接，或改为累进门槛（>=）`,
                  `approval levels "${la.label.en}" and "${lb.label.en}" overlap on ${name} in ${format(common)}; make the ranges meet exactly or use cumulative thresholds (>=)`,
                ),
              );
            }
          }
        }
      }
      const merged = union(entries.flatMap((e) => e.intervals));
      for (let k = 0; k + 1 < merged.length; k++) {
        const gap = format({
          lo: merged[k].hi,
          loIn: !merged[k].hiIn,
          hi: merged[k + 1].lo,
          hiIn: !merged[k + 1].loIn,
        });
        out.push(
          finding(
            RULE,
            'error',
            pointer(...at),
            `${name} 在 ${gap} 之间时没有任何审批级别适用，这些单据将不经审批直接通过；请补上这一段`,
            `when ${name} is in ${gap} no approval level applies, so those documents pass without approval; cover that range`,
          ),
        );
      }
      const top = merged[merged.length - 1];
      if (top && top.hi !== Infinity) {
        const above = format({ lo: top.hi, loIn: !top.hiIn, hi: Infinity, hiIn: false });
        out.push(
          finding(
            RULE,
            'warning',
            pointer(...at),
            `${name} 在 ${above} 时没有任何审批级别适用，金额更大的单据反而无需审批`,
            `when ${name} is in ${above} no approval level applies, so larger documents need no approval`,
          ),
        );
      }
    }
  }
  return out;
};
