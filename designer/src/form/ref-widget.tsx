// `"ui:widget": "docRef"` (or a field with `x-ref`): the server-searched RefSelect
// in an rjsf form, labelled by the field's own label for screen readers.
import type { WidgetProps } from '@rjsf/utils';
import { RefSelect } from '../components/ref-select';
import { SupplierPrices } from './supplier-prices';

/** A purchase order line's product (root_lines_0_product): the suppliers' last prices go under it. */
const PO_LINE_PRODUCT = /^root_lines_\d+_product$/;

export function RefWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, options, onChange, onBlur, onFocus, rawErrors, label, schema, registry } =
    props;
  const type =
    typeof options.type === 'string' ? options.type : typeof schema['x-ref'] === 'string' ? schema['x-ref'] : '';
  const showPrices =
    (registry.formContext as { docType?: string } | undefined)?.docType === 'purchase_order' &&
    type === 'product' &&
    !readonly &&
    typeof value === 'string' &&
    value !== '' &&
    PO_LINE_PRODUCT.test(id);
  const select = (
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
  if (!showPrices) return select;
  return (
    <>
      {select}
      <SupplierPrices product={value} />
    </>
  );
}
