// `"ui:widget": "docRef"` with `ui:options.type`: a select of the referenced
// type's documents. A value missing from the first page (an old or inactive
// record) is still shown by its own label rather than as a bare id.
import type { WidgetProps } from '@rjsf/utils';
import { useAsync } from '../api/use-async';
import { useI18n } from '../i18n/locale';
import { loadRefLabel, loadRefOptions } from './ref-options';

export function DocRefWidget(props: WidgetProps) {
  const { id, value, required, disabled, readonly, autofocus, options, onChange, onBlur, onFocus, rawErrors } = props;
  const { t } = useI18n();
  const type = typeof options.type === 'string' ? options.type : '';
  const current = typeof value === 'string' ? value : '';
  const list = useAsync(async () => {
    const loaded = type ? await loadRefOptions(type) : [];
    if (!current || loaded.some((o) => o.value === current)) return loaded;
    return [...loaded, { value: current, label: await loadRefLabel(type, current) }];
  }, [type, current]);
  return (
    <>
      <select
        id={id}
        name={id}
        className="form-control"
        value={current}
        required={required}
        disabled={disabled || readonly}
        autoFocus={autofocus}
        aria-invalid={rawErrors && rawErrors.length > 0 ? true : undefined}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        onBlur={() => onBlur(id, current)}
        onFocus={() => onFocus(id, current)}
      >
        <option value="">{list.loading ? t('loading') : t('choose')}</option>
        {(list.data ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {list.error && <p className="field-note error">{list.error.message}</p>}
    </>
  );
}
