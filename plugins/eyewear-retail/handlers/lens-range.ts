// A lens can be ordered only when its makeable range covers the prescription:
// sphere within [sphMin, sphMax], cylinder (minus form, as prescriptions store
// it) no deeper than cylMin. Runs before the payment commits, so a refusal is a
// 422 naming the line and changes nothing.
import { lines, num, type Data, type PluginApi, type PluginEffect } from './types';

interface Eye {
  sphere?: number;
  cylinder?: number;
}

function outOfRange(lens: Data, eye: Eye): string | null {
  const sph = eye.sphere ?? 0;
  const cyl = eye.cylinder ?? 0;
  const [min, max, cylMin] = [num(lens.sphMin), num(lens.sphMax), num(lens.cylMin)];
  if (min !== undefined && sph < min) return `SPH ${sph} < ${min}`;
  if (max !== undefined && sph > max) return `SPH ${sph} > ${max}`;
  if (cylMin !== undefined && cyl < cylMin) return `CYL ${cyl} < ${cylMin}`;
  return null;
}

export function lensRange(api: PluginApi): PluginEffect {
  return {
    phase: 'before-commit',
    handler: async ({ store, doc }) => {
      const rx = await api.documents(store, 'prescription').findById(String(doc.data.prescription ?? ''));
      if (!rx) return;
      const errors: Array<{ path: string; message: string }> = [];
      for (const [i, line] of lines(doc.data).entries()) {
        if (line.kind !== 'lens') continue;
        const product = await api.documents(store, 'product').findById(String(line.product));
        if (!product) continue;
        const eyes = line.eye === 'od' ? ['od'] : line.eye === 'os' ? ['os'] : ['od', 'os'];
        for (const eye of eyes) {
          const reason = outOfRange(product.data, rx.data[eye] ?? {});
          if (!reason) continue;
          const name = String(product.data.name ?? product._id);
          const side = eye === 'od' ? ['右眼', 'right eye'] : ['左眼', 'left eye'];
          errors.push({
            path: `/lines/${i}/product`,
            message: `镜片 ${name} 无法做${side[0]}处方（${reason}） / lens ${name} cannot be made for the ${side[1]} prescription (${reason})`,
          });
        }
      }
      if (errors.length > 0) {
        throw new api.AppError(
          'VALIDATION_FAILED',
          `The lens range does not cover the prescription: ${errors.map((e) => e.message).join('; ')}`,
          { errors },
        );
      }
    },
  };
}
