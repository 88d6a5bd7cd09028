export { setupRoutes } from './setup.routes.ts';
export { createOrganization, type NewOrganization, type SetupDeps } from './setup.service.ts';
export { loadDemo, DEMO_HOUSES, DEMO_STAFF, type DemoLogin } from './demo.ts';
export { isInstalled } from './organizations.repository.ts';
