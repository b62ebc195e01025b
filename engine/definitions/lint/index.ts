// The linter run before a definition is published: meta-schema first (a
// definition that does not have the right shape is not analysed further), then
// every check. Findings with severity `error` block publishing.
import type { FieldError } from '../../errors';
import { localized } from '../../messages/index';
import { parseDefinition } from '../validate-definition';
import type { Definition, Finding } from '../types';
import { checkApprovalBands } from './approval-bands';
import { checkDeadEndStates } from './dead-end-states';
import { checkDuplicateKeys } from './duplicate-keys';
import { checkEffects } from './effects';
import { checkEscalationRoles } from './escalation-roles';
import { checkFieldReferences } from './field-references';
import type { Check, LintOptions } from './finding';
import { checkLabels } from './labels';
import { checkLookups } from './lookups';
import { checkStateReferences } from './state-references';
import { checkTemplateFields } from './template-fields';
import { checkUiSchema } from './ui-schema';
import { checkUnknownOperators } from './unknown-operators';
import { checkUnreachableStates } from './unreachable-states';
import { checkUnrunnableTransitions } from './unrunnable-transitions';
import { checkVarPaths } from './var-paths';

export type { LintOptions } from './finding';

export const CHECKS: readonly Check[] = [
  checkDuplicateKeys,
  checkStateReferences,
  checkUnreachableStates,
  checkDeadEndStates,
  checkUnrunnableTransitions,
  checkApprovalBands,
  checkEscalationRoles,
  checkVarPaths,
  checkUnknownOperators,
  checkTemplateFields,
  checkFieldReferences,
  checkEffects,
  checkUiSchema,
  checkLabels,
  checkLookups,
];

/** A meta-schema error in both languages: its catalogue entry, or its own text (a schema's "中文 / English" description). */
function bothLanguages(error: FieldError): Finding['i18n'] {
  if (error.key) return localized(error.key, error.params);
  const cut = error.message.indexOf(' / ');
  return cut < 0
    ? { 'zh-CN': error.message, en: error.message }
    : { 'zh-CN': error.message.slice(0, cut), en: error.message.slice(cut + 3) };
}

export function lintDefinition(input: unknown, options: LintOptions = {}): Finding[] {
  const { definition, errors } = parseDefinition(input);
  if (errors.length > 0) {
    return errors.map((e) => {
      const i18n = bothLanguages(e);
      return {
        rule: 'meta-schema',
        severity: 'error',
        path: e.path,
        message: `${i18n['zh-CN']} / ${i18n.en}`,
        i18n,
      };
    });
  }
  // parseDefinition checked the shape; version is the only member it may lack.
  const ctx = { def: definition as Definition, options };
  return CHECKS.flatMap((check) => check(ctx));
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');
