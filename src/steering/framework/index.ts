export * from './repository.js';
export * from './status.js';
export { TEMPLATES, findTemplate, templateSummaries, templateIndicatorIds, type FrameworkTemplate, type TemplateNode, type MeasureKind, type NodeKind } from './template.js';
export { buildStatusView, type StatusView, type NodeStatusView, type IndicatorStatusView } from './view.js';
