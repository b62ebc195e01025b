// A reference (customer, product, warehouse…) as a select that searches on the
// server as you type (`?q=`, the type's searchFields) and shows code and name;
// fine with thousands of products. The current value keeps its label even when
// it is not among the results.
import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { DocumentPage } from '../api/types';
import { loadRefLabel, refLabel, type RefOption } from '../form/ref-options';
import { useI18n } from '../i18n/locale';

const SEARCH_LIMIT = 20;
const DEBOUNCE_MS = 250;

export async function searchRefs(type: string, q: string): Promise<RefOption[]> {
  const params = new URLSearchParams({ limit: String(SEARCH_LIMIT) });
  if (q.trim()) params.set('q', q.trim());
  const page = await api<DocumentPage>('GET', `/api/documents/${encodeURIComponent(type)}?${params.toString()}`);
  return page.items.map((doc) => ({ value: doc.id, label: refLabel(doc) }));
}

interface RefSelectProps {
  type: string;
  value?: string;
  onChange(value: string | undefined): void;
  id?: string;
  ariaLabel?: string;
  placeholder?: string;
  disabled?: boolean;
  status?: 'error';
  allowClear?: boolean;
  className?: string;
  onBlur?(): void;
  onFocus?(): void;
}

export function RefSelect({
  type,
  value,
  onChange,
  id,
  ariaLabel,
  placeholder,
  disabled,
  status,
  allowClear = true,
  className,
  onBlur,
  onFocus,
}: RefSelectProps) {
  const { t } = useI18n();
  const [options, setOptions] = useState<RefOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<RefOption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(0);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const ticket = ++latest.current;
      setLoading(true);
      searchRefs(type, q).then(
        (found) => {
          if (ticket !== latest.current) return;
          setOptions(found);
          setError(null);
          setLoading(false);
        },
        (err: unknown) => {
          if (ticket !== latest.current) return;
          setError(err instanceof Error ? err.message : String(err));
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
  };

  useEffect(() => () => clearTimeout(timer.current), []);
  // The label of a value set from outside (a saved document, a scan): fetched once per value.
  const [labels, setLabels] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!value || labels[value] !== undefined) return;
    let live = true;
    loadRefLabel(type, value).then(
      (label) => live && setLabels((l) => ({ ...l, [value]: label })),
      () => live && setLabels((l) => ({ ...l, [value]: value })),
    );
    return () => {
      live = false;
    };
  }, [type, value, labels]);
  const current: RefOption | null = value
    ? (options.find((o) => o.value === value) ??
      picked ??
      (labels[value] !== undefined ? { value, label: labels[value] } : null))
    : null;

  const shown = current && !options.some((o) => o.value === current.value) ? [current, ...options] : options;
  return (
    <Select
      id={id}
      className={className}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: search }}
      value={value || undefined}
      placeholder={placeholder ?? t('choose')}
      disabled={disabled}
      status={status}
      allowClear={allowClear}
      loading={loading}
      notFoundContent={loading ? <Spin size="small" /> : (error ?? t('noDocuments'))}
      options={shown}
      onOpenChange={(open) => open && search('')}
      onChange={(next: string | undefined) => {
        setPicked(shown.find((o) => o.value === next) ?? null);
        onChange(next ?? undefined);
      }}
      onBlur={onBlur}
      onFocus={onFocus}
      popupMatchSelectWidth={false}
    />
  );
}
