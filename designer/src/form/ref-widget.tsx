// `"ui:widget": "docRef"` (or a field with `x-ref`): the server-searched RefSelect
// in an rjsf form, labelled by the field's own label for screen readers.
import type { WidgetProps } from '@rjsf/utils';
import { RefSelect } from '../components/ref-select';

export function RefWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, options, onChange, onBlur, onFocus, rawErrors, label, schema } = props;
  const type =
    typeof options.type === 'string' ? options.type : typeof schema['x-ref'] === 'string' ? schema['x-ref'] : '';
  return (
    <RefSelect
      id={id}
      type={type}
      ariaLabel={label}
      value={typeof value === 'string' ? value : undefined}
      disabled={disabled || readonly}
      status={rawErrors && rawErrors.length > 0 ? 'error' : undefined}
      onChange={(next) => onChange(next)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}
