// Filters compiled with mingo's Query, sharing one operator table. mingo's
// top-level `Query` copies its whole operator table (every query, expression,
// pipeline, accumulator… operator, several hundred) into a fresh context for
// each filter it compiles: about a quarter of an embedded read's CPU. mingo's
// base Query skips that copy when handed its own ComputeOptions, which mingo
// builds but does not export; one is taken from the options a query operator
// receives, once, and from then on every filter uses the same table. The
// table is read-only: compiling and running a query only looks operators up.
import { Query as TopLevelQuery } from 'mingo';
import { Context } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Filter } from '../types';

type Options = ConstructorParameters<typeof Query>[1];

/** Script operators ($where, $function) are off: filters are data, never code. */
const OPTIONS = { scriptEnabled: false } as const;

/** mingo's ComputeOptions class, seen through the options a custom operator is called with. */
function computeOptionsClass(): { init(options: Options): Options } {
  let seen: object | undefined;
  const probe = Context.init({
    query: {
      $optionsProbe: (_selector: string, _value: unknown, options: object) => {
        seen = options;
        return () => true;
      },
    },
  });
  new TopLevelQuery({ probe: { $optionsProbe: 1 } }, { ...OPTIONS, context: probe });
  if (!seen) throw new Error('mingo did not pass compute options to a query operator');
  return seen.constructor as unknown as { init(options: Options): Options };
}

/** The same operators as mingo's top-level Query, in one table built once. */
const SHARED: Options = computeOptionsClass().init({
  ...OPTIONS,
  context: Context.init({ accumulator, expression, pipeline, projection, query, window }),
});

export const compileFilter = (filter: Filter): Query => new Query(filter, SHARED);
