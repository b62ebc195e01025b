// Barcode entry into a document's lines: a USB scanner "types" the code and
// Enter; the product with that barcode (or SKU) gets a new line, or its line's
// quantity goes up by one. The field keeps focus for the next scan.
import { BarcodeOutlined } from '@ant-design/icons';
import { App, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Definition, DocumentPage } from '../api/types';
import { useI18n } from '../i18n/locale';
import { refLabel } from './ref-options';

type Data = Record<string, unknown>;
type Node = { [keyword: string]: unknown };

/** The lines array whose items reference products, with the quantity field beside it. */
export function scannableLines(definition: Definition): { lines: string; product: string; qty: string } | null {
  const props = definition.schema.properties as Record<string, Node> | undefined;
  for (const [name, node] of Object.entries(props ?? {})) {
    const items = node.type === 'array' ? (node.items as Node | undefined) : undefined;
    const itemProps = items?.properties as Record<string, Node> | undefined;
    if (!itemProps) continue;
    const product = Object.entries(itemProps).find(([, p]) => p['x-ref'] === 'product')?.[0];
    const qty = ['qty', 'countedQty', 'acceptedQty', 'quantity'].find((q) => itemProps[q]);
    if (product && qty) return { lines: name, product, qty };
  }
  return null;
}

async function findProduct(code: string): Promise<{ id: string; label: string } | null> {
  for (const param of ['barcode', 'sku']) {
    const page = await api<DocumentPage>('GET', `/api/documents/product?${param}=${encodeURIComponent(code)}&limit=1`);
    const doc = page.items[0];
    if (doc) return { id: doc.id, label: refLabel(doc) };
  }
  return null;
}

export function addScanned(
  data: Data,
  target: { lines: string; product: string; qty: string },
  productId: string,
): Data {
  const lines = Array.isArray(data[target.lines]) ? [...(data[target.lines] as Data[])] : [];
  const at = lines.findIndex((l) => l[target.product] === productId);
  if (at >= 0) {
    const qty = Number(lines[at][target.qty] ?? 0);
    lines[at] = { ...lines[at], [target.qty]: (Number.isFinite(qty) ? qty : 0) + 1 };
  } else {
    // A blank line left by "add a line" is filled rather than kept empty.
    const blank = lines.findIndex((l) => !l[target.product]);
    const line = { [target.product]: productId, [target.qty]: 1 };
    if (blank >= 0) lines[blank] = { ...lines[blank], ...line };
    else lines.push(line);
  }
  return { ...data, [target.lines]: lines };
}

export function BarcodeEntry({
  definition,
  data,
  onChange,
}: {
  definition: Definition;
  data: Data;
  onChange(data: Data): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const latest = useRef(data);
  useEffect(() => {
    latest.current = data;
  }, [data]);
  const target = scannableLines(definition);
  if (!target) return null;
  const scan = async (raw: string) => {
    const value = raw.trim();
    if (!value) return;
    setBusy(true);
    try {
      const product = await findProduct(value);
      if (!product) void message.warning(t('barcodeNotFound', { code: value }));
      else {
        onChange(addScanned(latest.current, target, product.id));
        void message.success(t('barcodeAdded', { name: product.label }), 1.5);
      }
      setCode('');
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Input
      className="barcode-entry"
      name="barcode"
      aria-label={t('barcodeEntry')}
      placeholder={t('barcodePlaceholder')}
      prefix={<BarcodeOutlined />}
      value={code}
      disabled={busy}
      autoComplete="off"
      onChange={(e) => setCode(e.target.value)}
      onPressEnter={(e) => {
        // Enter from a scanner must not submit the form around it.
        e.preventDefault();
        void scan(code);
      }}
    />
  );
}
