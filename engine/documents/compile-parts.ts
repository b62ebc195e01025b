// Documents' side of compiling and publishing a definition version, handed to the
// definitions registry by the engine context (context/create-engine.ts). The
// registry calls it; definitions imports nothing of documents, so the two are
// no longer a folder cycle (docs/architecture.md, "Module map").
import type { DocumentsPort } from '../definitions/index';
import { compileComputed } from './computed';
import { ensureDocumentIndexes } from './indexes';
import { buildListSpec } from './list-spec';
import { compileLookups } from './lookups';
import { numberingOf } from './numbering';
import { counterLookups, crossCounterLookups, restartCounters } from './lookup-counters';
import { compileOptionLabels } from './option-labels';
import { compileRowFilters } from './permissions';
import { legacyOpenOrdersLookup } from './rule-context';

export const documentsPort: DocumentsPort = {
  compile(def, rules) {
    const lookups = compileLookups(def);
    return {
      computed: compileComputed(def, rules),
      rowFilters: compileRowFilters(def),
      list: buildListSpec(def),
      optionLabels: compileOptionLabels(def.schema),
      lookups,
      counters: counterLookups(def, lookups),
      crossCounters: crossCounterLookups(def, lookups),
      legacyLookup: legacyOpenOrdersLookup(def),
      numbering: numberingOf(def),
    };
  },
  ensureIndexes: ensureDocumentIndexes,
  restartCounters,
};
