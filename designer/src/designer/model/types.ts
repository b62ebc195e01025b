// The builder's view of a definition's form. A field keeps its whole schema and UI
// nodes, so whatever the builder does not understand is carried through untouched.
import type {
  ApprovalLevel,
  ApprovalSpec,
  Definition,
  JsonLogic,
  JsonSchema,
  LocalizedText,
  StateDef,
  TransitionDef,
} from '../../../../engine/definitions/index';

export type { ApprovalLevel, ApprovalSpec, Definition, JsonLogic, JsonSchema, LocalizedText, StateDef, TransitionDef };

export const FIELD_KINDS = [
  'text',
  'textarea',
  'number',
  'money',
  'quantity',
  'date',
  'select',
  'checkbox',
  'reference',
  'lines',
  'attachment',
] as const;

/** `other`: a field the palette cannot produce (kept and shown, its own settings untouched). */
export type FieldKind = (typeof FIELD_KINDS)[number] | 'other';

export type UiNode = Record<string, unknown>;

export interface FieldModel {
  /** Stable across renames (drag and drop, selection, undo). */
  id: string;
  key: string;
  /** The key this field had in the definition it was read from (absent for new fields). */
  origKey?: string;
  kind: FieldKind;
  schema: JsonSchema;
  ui?: UiNode;
  required: boolean;
  /** Columns of a lines table. */
  columns?: FieldModel[];
}

export interface SelectOption {
  value: string;
  label: LocalizedText;
}
