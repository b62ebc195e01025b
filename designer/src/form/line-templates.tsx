// How arrays of lines (order lines) look in a generated form, replacing the rjsf
// antd defaults that a phone showed badly: each line a card headed "第 1 行 /
// Line 1" with its remove button (not "订单明细-1 :" beside a 120 px button
// column that halved the fields), and an add button that says what it adds.
// Used by the staff app's generated forms and the designer's live preview alike.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  TranslatableString,
  type ArrayFieldItemTemplateProps,
  type IconButtonProps,
  type TemplatesType,
} from '@rjsf/utils';
import { Button } from 'antd';

/** formContext of a generated form: the line heading in the UI language. */
export interface LineContext {
  lineLabel?(n: number): string;
}

type Node = { [keyword: string]: unknown };

/**
 * The uiSchema with rjsf's own item title ("订单明细-1 :") turned off for every
 * array of objects (nested too): the line card heads each line instead.
 */
export function lineUiSchema(schema: Node, ui: Node): Node {
  const props = schema.properties as Record<string, Node> | undefined;
  const out: Node = { ...ui };
  for (const [name, node] of Object.entries(props ?? {})) {
    if (node.type !== 'array' || typeof node.items !== 'object') continue;
    const own = (out[name] as Node | undefined) ?? {};
    const itemSchema = node.items as Node;
    const items = lineUiSchema(itemSchema, (own.items as Node | undefined) ?? {});
    if (itemSchema.type === 'object')
      items['ui:options'] = { ...(items['ui:options'] as Node | undefined), label: false };
    out[name] = { ...own, items };
  }
  return out;
}

function LineItem(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, index, registry } = props;
  const { lineLabel } = registry.formContext as LineContext;
  const label = lineLabel ? lineLabel(index + 1) : `#${index + 1}`;
  return (
    <div className="line-item">
      <div className="line-item-head">
        <span className="line-item-number">{label}</span>
        {hasToolbar && buttonsProps.hasRemove && (
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            disabled={buttonsProps.disabled || buttonsProps.readonly}
            onClick={buttonsProps.onRemoveItem}
            aria-label={`${registry.translateString(TranslatableString.RemoveButton)} ${label}`}
          >
            {registry.translateString(TranslatableString.RemoveButton)}
          </Button>
        )}
      </div>
      {children}
    </div>
  );
}

function AddLineButton(props: IconButtonProps) {
  const { onClick, disabled, id, className, registry } = props;
  return (
    <Button
      id={id}
      className={`${className ?? ''} add-line-button`}
      type="dashed"
      block
      icon={<PlusOutlined />}
      disabled={disabled}
      onClick={onClick}
    >
      {registry.translateString(TranslatableString.AddItemButton)}
    </Button>
  );
}

export const lineTemplates: Partial<TemplatesType> = {
  ArrayFieldItemTemplate: LineItem,
  ButtonTemplates: { AddButton: AddLineButton } as TemplatesType['ButtonTemplates'],
};
