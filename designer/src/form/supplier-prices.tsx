// Under a purchase order line's product: the last price each supplier charged
// for it (GET /api/products/:id/supplier-prices), cheapest first, with the
// price before that and the order date, so the purchaser sees the going rate
// while entering the line. Shown only to those the API answers (purchasing
// roles); anyone else sees nothing.
import { Typography } from 'antd';
import { api } from '../api/client';
import { useAsync } from '../api/use-async';
import { formatMoney } from '../format';
import { useI18n } from '../i18n/locale';

interface SupplierPrice {
  supplier: string;
  name: string;
  price: number;
  previousPrice: number | null;
  orderDate: string;
  rating: number | null;
}

const MAX_SHOWN = 4;

export function SupplierPrices({ product }: { product: string }) {
  const { t, locale } = useI18n();
  const prices = useAsync(
    () => api<{ items: SupplierPrice[] }>('GET', `/api/products/${encodeURIComponent(product)}/supplier-prices`),
    [product],
  );
  if (prices.error || !prices.data) return null;
  const items = prices.data.items;
  return (
    <section className="supplier-prices" aria-label={t('supplierPrices')}>
      <Typography.Text type="secondary">{t('supplierPrices')}：</Typography.Text>
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('noSupplierPrices')}</Typography.Text>
      ) : (
        <ul>
          {items.slice(0, MAX_SHOWN).map((item) => (
            <li key={item.supplier}>
              <Typography.Text strong>{item.name}</Typography.Text> {formatMoney(item.price, locale)}
              <Typography.Text type="secondary">
                {' '}
                {t('supplierPriceDetail', {
                  date: item.orderDate,
                  previous: item.previousPrice === null ? '—' : formatMoney(item.previousPrice, locale),
                })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
