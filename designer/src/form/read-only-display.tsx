// How a generated form shows what cannot be typed into: a read-only number (a saved
// document in view mode, a computed line amount or total) reads as the shop writes
// it — money "15,000.00", quantities "2" — instead of the input's raw "15000"; and a
// document in view mode shows no field help ("留空时按客户价格组取价" speaks to
// someone typing, not to someone reading a saved order).
import { Templates } from '@rjsf/antd';
import { ariaDescribedByIds, type BaseInputTemplateProps, type FieldTemplateProps } from '@rjsf/utils';
import { Input } from 'antd';
import type { ComponentType } from 'react';
import type { Locale } from '../api/types';
import { formatFieldNumber } from '../format';

/** formContext of a generated form, as these templates read it. */
export interface DisplayContext {
  lang?: Locale;
  /** The form shows a saved document (view mode): no help texts. */
  viewOnly?: boolean;
  readonlyAsDisabled?: boolean;
}

const BaseInput = Templates.BaseInputTemplate as ComponentType<BaseInputTemplateProps>;
const Field = Templates.FieldTemplate as ComponentType<FieldTemplateProps>;

const isNumberSchema = (type: unknown): boolean =>
  type === 'number' ||
  type === 'integer' ||
  (Array.isArray(type) && type.some((t) => t === 'number' || t === 'integer'));

function ReadOnlyAwareInput(props: BaseInputTemplateProps) {
  const { id, htmlName, name, schema, value, readonly, disabled, registry } = props;
  const context = registry.formContext as DisplayContext;
  if (!(readonly || disabled) || !isNumberSchema(schema.type)) return <BaseInput {...props} />;
  const text = typeof value === 'number' ? formatFieldNumber(name, schema, value, context.lang ?? 'zh-CN') : '';
  return (
    <Input
      id={id}
      name={htmlName || id}
      className="readonly-number"
      value={text}
      readOnly
      disabled={disabled || context.readonlyAsDisabled !== false}
      aria-describedby={ariaDescribedByIds(id)}
    />
  );
}

function ViewAwareField(props: FieldTemplateProps) {
  const context = props.registry.formContext as DisplayContext;
  if (!context.viewOnly) return <Field {...props} />;
  return <Field {...props} description={undefined} rawDescription={undefined} help={undefined} rawHelp={undefined} />;
}

export const displayTemplates = { BaseInputTemplate: ReadOnlyAwareInput, FieldTemplate: ViewAwareField };
