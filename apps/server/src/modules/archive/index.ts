export { archiveRoutes } from './archive.routes.ts';
export { importFile, importRows, type ImportOutcome } from './import.service.ts';
export { describeProblems } from './problems.ts';
export { exportArchive } from './export.service.ts';
