// The amount bands of the chain on one number line: a bar per level from its lower to
// its upper bound (log scale, so 10,000 and 500,000 both fit), gaps in red, overlaps
// named, so the admin sees what the linter would say before publishing.
import { Alert, Card, Space, Tag } from 'antd';
import { useI18n } from '../../i18n/locale';
import { useDt } from '../i18n';
import { bandVariables, formatInterval, numberLine, type Interval } from '../model/bands';
import type { ApprovalLevel } from '../model/types';

const COLORS = ['#1664ff', '#13a8a8', '#722ed1', '#fa8c16', '#eb2f96', '#52c41a'];
const fmt = (n: number) => n.toLocaleString('en-US');

export function NumberLine({ levels }: { levels: ApprovalLevel[] }) {
  const t = useDt();
  const { pick } = useI18n();
  const variables = bandVariables(levels);
  if (variables.length === 0)
    return (
      <Card size="small" title={t('numberLine')}>
        <span className="muted">{t('noBands')}</span>
      </Card>
    );
  return (
    <Card size="small" title={t('numberLine')} className="number-line-card">
      {variables.map((variable) => {
        const line = numberLine(levels, variable);
        const points = [
          ...new Set(
            line.levels
              .flatMap((l) => l.intervals.flatMap((i) => [i.lo, i.hi]))
              .filter((n) => Number.isFinite(n) && n > 0),
          ),
        ].sort((a, b) => a - b);
        const min = Math.max(1, (points[0] ?? 1) / 10);
        const max = (points[points.length - 1] ?? 10) * 10;
        const pos = (n: number) =>
          n <= min
            ? 0
            : n >= max
              ? 100
              : ((Math.log10(n) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))) * 100;
        const bar = (i: Interval) => ({ left: `${pos(i.lo)}%`, width: `${Math.max(1, pos(i.hi) - pos(i.lo))}%` });
        const labelOf = (key: string) => pick(levels.find((l) => l.key === key)?.label, key);
        return (
          <div key={variable} className="number-line" data-variable={variable}>
            <div className="number-line-var">
              <code>{variable}</code>
            </div>
            {line.levels.map((l, k) => (
              <div key={l.key} className="number-line-row">
                <span className="number-line-label">{labelOf(l.key)}</span>
                <div className="number-line-track">
                  {l.intervals.map((i, j) => (
                    <div
                      key={j}
                      className="number-line-bar"
                      style={{ ...bar(i), background: COLORS[k % COLORS.length] }}
                      title={formatInterval(i, fmt)}
                    />
                  ))}
                </div>
              </div>
            ))}
            <div className="number-line-row">
              <span className="number-line-label" />
              <div className="number-line-axis">
                {points.map((p) => (
                  <span key={p} style={{ left: `${pos(p)}%` }}>
                    {fmt(p)}
                  </span>
                ))}
                {line.gaps.map((g, j) => (
                  <div key={j} className="number-line-gap" style={bar(g)} />
                ))}
              </div>
            </div>
            <Space direction="vertical" size={4} style={{ marginTop: 8, width: '100%' }}>
              {line.gaps.length === 0 && line.overlaps.length === 0 && (
                <Alert type="success" showIcon title={t('noGap')} />
              )}
              {line.gaps.map((g, j) => (
                <Alert key={`g${j}`} type="error" showIcon title={t('gap', { range: formatInterval(g, fmt) })} />
              ))}
              {line.overlaps.map((o, j) => (
                <Alert
                  key={`o${j}`}
                  type="error"
                  showIcon
                  title={t('overlap', { a: labelOf(o.a), b: labelOf(o.b), range: formatInterval(o.interval, fmt) })}
                />
              ))}
              {line.openTop && (
                <Alert type="warning" showIcon title={t('openTop', { range: formatInterval(line.openTop, fmt) })} />
              )}
            </Space>
            <Space size={4} wrap style={{ marginTop: 6 }}>
              {line.levels.map((l, k) => (
                <Tag key={l.key} color={COLORS[k % COLORS.length]}>
                  {labelOf(l.key)}: {l.intervals.map((i) => formatInterval(i, fmt)).join(' ∪ ')}
                </Tag>
              ))}
            </Space>
          </div>
        );
      })}
    </Card>
  );
}
