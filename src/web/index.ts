/** The REST API and dashboard, over any cluster that implements `ClusterView`. */
export { createRestServer } from './rest-server.ts';
export type { RestServerOptions } from './rest-server.ts';
export { MiniClusterView } from './mini-cluster-view.ts';
export type { MiniClusterViewOptions } from './mini-cluster-view.ts';
export { TERMINAL_STATUSES } from './cluster-view.ts';
export type { CancelOutcome, ClusterOverview, ClusterView, JobDetails, JobStatus, JobSummary } from './cluster-view.ts';
export { jobDetailsJson, jobOverviewJson, overviewJson, planJson } from './job-json.ts';
export { DASHBOARD_HTML } from './dashboard.ts';
