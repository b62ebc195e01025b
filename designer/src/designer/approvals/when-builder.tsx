// A level's `when`, built with react-querybuilder (antd controls): field, operator,
// value, and/or groups. The level's JSON-Logic is the truth; the builder shows it and
// writes JSON-Logic back only when the admin edits.
import { QueryBuilderAntD } from '@react-querybuilder/antd';
import { useMemo, useState } from 'react';
import { QueryBuilder, type Field, type RuleGroupType } from 'react-querybuilder';
import 'react-querybuilder/dist/query-builder.css';
import { useI18n } from '../../i18n/locale';
import type { JsonLogic } from '../../../../engine/definitions/index';
import { queryOf, whenOf, type RuleField } from '../model/when';

const OPERATORS = {
  'zh-CN': [
    ['=', '等于'],
    ['!=', '不等于'],
    ['<', '小于'],
    ['<=', '小于等于'],
    ['>', '大于'],
    ['>=', '大于等于'],
    ['in', '属于'],
    ['notIn', '不属于'],
    ['between', '介于'],
  ],
  en: [
    ['=', '='],
    ['!=', '≠'],
    ['<', '<'],
    ['<=', '≤'],
    ['>', '>'],
    ['>=', '≥'],
    ['in', 'in'],
    ['notIn', 'not in'],
    ['between', 'between'],
  ],
} as const;

const TRANSLATIONS = {
  'zh-CN': {
    addRule: { label: '＋ 条件', title: '添加条件' },
    addGroup: { label: '＋ 条件组', title: '添加条件组' },
    removeRule: { label: '✕', title: '删除条件' },
    removeGroup: { label: '✕', title: '删除条件组' },
    fields: { title: '字段' },
    operators: { title: '运算' },
    value: { title: '值' },
    combinators: { title: '组合方式' },
  },
  en: {
    addRule: { label: '+ Condition', title: 'Add condition' },
    addGroup: { label: '+ Group', title: 'Add group' },
    removeRule: { label: '✕', title: 'Remove condition' },
    removeGroup: { label: '✕', title: 'Remove group' },
    fields: { title: 'Field' },
    operators: { title: 'Operator' },
    value: { title: 'Value' },
    combinators: { title: 'Combinator' },
  },
};

export function WhenBuilder({
  when,
  fields,
  onChange,
  label,
}: {
  when: JsonLogic | undefined;
  fields: RuleField[];
  onChange(next: JsonLogic | undefined): void;
  label: string;
}) {
  const { locale } = useI18n();
  // Kept locally so a half-built rule (no value yet) stays on screen.
  const [query, setQuery] = useState<RuleGroupType>(() => queryOf(when));
  const rqbFields = useMemo<Field[]>(
    () =>
      fields.map((f) => ({
        name: f.name,
        label: `${f.label[locale]}`,
        inputType: f.inputType === 'number' ? 'number' : 'text',
        ...(f.values
          ? { valueEditorType: 'select', values: f.values.map((v) => ({ name: v.name, label: v.label[locale] })) }
          : {}),
      })),
    [fields, locale],
  );
  const operators = OPERATORS[locale].map(([name, text]) => ({ name, value: name, label: text }));
  const combinators =
    locale === 'en'
      ? [
          { name: 'and', value: 'and', label: 'AND' },
          { name: 'or', value: 'or', label: 'OR' },
        ]
      : [
          { name: 'and', value: 'and', label: '并且' },
          { name: 'or', value: 'or', label: '或者' },
        ];
  return (
    <div className="when-builder" role="group" aria-label={label}>
      <QueryBuilderAntD>
        <QueryBuilder
          fields={rqbFields}
          query={query}
          operators={operators}
          combinators={combinators}
          translations={TRANSLATIONS[locale]}
          controlClassnames={{ queryBuilder: 'queryBuilder-branches' }}
          resetOnFieldChange={false}
          onQueryChange={(q) => {
            setQuery(q);
            // The builder reports its query when it mounts too: only a changed rule is an edit (and an undo step).
            const next = whenOf(q);
            if (JSON.stringify(next) !== JSON.stringify(when)) onChange(next);
          }}
        />
      </QueryBuilderAntD>
    </div>
  );
}
