// The designer's engine surface: read-only overviews and dry runs for the admin UI.
export { definitionOverview, documentsPerVersion, type DefinitionOverview, type VersionRow } from './overview';
export { explainDraft, type DraftExplanation, type DraftExplainInput } from './draft-explain';
export { upgradeDryRun, type UpgradeReport } from './upgrade-dry-run';
export { previewTemplate, lineOf, type PreviewResult } from './print-preview';
export { listEffects, type EffectEntry } from './effects';
export { designerRoutes } from './routes';
