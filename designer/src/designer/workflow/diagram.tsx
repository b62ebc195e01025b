// The state machine drawn with @xyflow/react: states laid out by distance from the
// initial state, transitions as labelled edges; connecting two states adds a
// transition; states and transitions with lint findings are outlined red.
import { Background, Controls, MarkerType, ReactFlow, type Connection, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/locale';
import type { Finding } from '../api';
import type { Definition } from '../model/types';

function layers(def: Definition): Map<string, number> {
  const depth = new Map<string, number>([[def.initialState, 0]]);
  const queue = [def.initialState];
  while (queue.length) {
    const s = queue.shift() as string;
    for (const t of def.transitions.filter((x) => x.from.includes(s))) {
      const targets = [t.to, ...(t.approval ? [t.approval.pendingState] : [])];
      for (const to of targets) {
        if (!depth.has(to)) {
          depth.set(to, (depth.get(s) ?? 0) + 1);
          queue.push(to);
        }
      }
    }
  }
  let max = Math.max(0, ...depth.values());
  for (const s of def.states) if (!depth.has(s.key)) depth.set(s.key, ++max);
  return depth;
}

export function Diagram({
  def,
  stateFindings,
  transitionFindings,
  onConnect,
}: {
  def: Definition;
  stateFindings: Map<number, Finding[]>;
  transitionFindings: Map<number, Finding[]>;
  onConnect(from: string, to: string): void;
}) {
  const { pick } = useI18n();
  const { nodes, edges } = useMemo(() => {
    const depth = layers(def);
    const perLayer = new Map<number, number>();
    const nodes: Node[] = def.states.map((s, i) => {
      const d = depth.get(s.key) ?? 0;
      const row = perLayer.get(d) ?? 0;
      perLayer.set(d, row + 1);
      const bad = stateFindings.has(i);
      return {
        id: s.key,
        position: { x: d * 190, y: row * 90 },
        data: { label: `${pick(s.label, s.key)}${s.terminal ? ' ■' : ''}` },
        style: {
          border: `2px solid ${bad ? '#d83931' : s.key === def.initialState ? '#1664ff' : '#c9cdd4'}`,
          borderRadius: 8,
          width: 140,
        },
      };
    });
    const edges: Edge[] = def.transitions.flatMap((t, i) =>
      t.from.map((from) => ({
        id: `${t.key}:${from}`,
        source: from,
        target: t.approval ? t.approval.pendingState : t.to,
        label: pick(t.label, t.key),
        markerEnd: { type: MarkerType.ArrowClosed },
        style: transitionFindings.has(i) ? { stroke: '#d83931', strokeWidth: 2 } : undefined,
        animated: Boolean(t.approval),
      })),
    );
    return { nodes, edges };
  }, [def, stateFindings, transitionFindings, pick]);
  return (
    <div className="workflow-diagram" role="img" aria-label="state diagram">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        nodesConnectable
        onConnect={(c: Connection) => c.source && c.target && onConnect(c.source, c.target)}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
