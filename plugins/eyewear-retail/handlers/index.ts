// The eyewear-retail plugin's handlers: effects, alert kinds and report kinds,
// contributed to the engine through its plugin API.
import { alertKinds, prescriptionValidity } from './alerts';
import { requireBatch } from './batches';
import { lensRange } from './lens-range';
import { pointsEarn } from './points';
import { reportKinds } from './reports';
import { slotEffects } from './slots';
import type { PluginModule } from './types';

const eyewear: PluginModule = (api) => ({
  effects: {
    'eyewear.lens_range': lensRange(api),
    'eyewear.prescription_validity': prescriptionValidity(api),
    'eyewear.points.earn': pointsEarn(api),
    'eyewear.require_batch': requireBatch(api),
    ...slotEffects(api),
  },
  alerts: alertKinds(api),
  reports: reportKinds(api),
});

export default eyewear;
