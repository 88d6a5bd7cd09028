export { propertyRoutes } from './property.routes.ts';
export { createProject, createBuilding, type PropertyDeps } from './property.service.ts';
export { existingPlaces } from './projects.repository.ts';
