// The filter bar above a list: text search, state, date range and one searchable
// select per reference column. Every control is labelled for screen readers.
import { DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Definition } from '../../api/types';
import { RefSelect } from '../../components/ref-select';
import { useColumnTitle } from '../../components/field-value';
import { useI18n } from '../../i18n/locale';
import { columnsOf, paramOf, refTypeOf, type ListQuery } from './list-query';

interface Props {
  definition: Definition;
  query: ListQuery;
  onChange(query: ListQuery): void;
}

export function ListFilters({ definition, query, onChange }: Props) {
  const { t, pick } = useI18n();
  const columnTitle = useColumnTitle(definition);
  const [text, setText] = useState(query.q);
  const refColumns = columnsOf(definition).filter((c) => refTypeOf(definition, c));
  const hasDates = definition.category !== 'master';
  return (
    <div className="list-filters" role="search">
      <Input.Search
        name="q"
        className="filter-q"
        aria-label={t('search')}
        placeholder={t('searchPlaceholder')}
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(value) => onChange({ ...query, q: value.trim() })}
        enterButton={t('search')}
      />
      <Select
        className="filter-state"
        aria-label={t('state')}
        value={query.state}
        onChange={(state: string) => onChange({ ...query, state })}
        options={[
          { value: '', label: t('allStates') },
          ...definition.states.map((s) => ({ value: s.key, label: pick(s.label, s.key) })),
        ]}
      />
      {hasDates && (
        <DatePicker.RangePicker
          className="filter-dates"
          aria-label={t('dateRange')}
          placeholder={[t('dateFrom'), t('dateTo')]}
          value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
          onChange={(range) =>
            onChange({
              ...query,
              from: range?.[0]?.format('YYYY-MM-DD') ?? '',
              to: range?.[1]?.format('YYYY-MM-DD') ?? '',
            })
          }
        />
      )}
      {refColumns.map((column) => {
        const type = refTypeOf(definition, column) ?? '';
        const param = paramOf(column);
        return (
          <RefSelect
            key={column}
            className="filter-ref"
            type={type}
            ariaLabel={columnTitle(column)}
            placeholder={columnTitle(column)}
            value={query.refs[param]}
            onChange={(value) => onChange({ ...query, refs: { ...query.refs, [param]: value ?? '' } })}
          />
        );
      })}
    </div>
  );
}
