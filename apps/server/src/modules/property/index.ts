export { propertyRoutes } from './property.routes.ts';
export {
  createProject,
  createBuilding,
  updateProject,
  updateBuilding,
  getProjectTree,
  listProjects,
  getProject,
  buildingInScope,
  listBuildings,
  type PropertyDeps,
} from './property.service.ts';
export {
  createUnit,
  updateUnit,
  listHouses,
  getHouse,
  createHouse,
  updateHouse,
  listAreas,
  createArea,
  updateArea,
} from './registry.service.ts';
export { existingPlaces } from './projects.repository.ts';
export { listOccupants, findHouse, findArea, orgTimeZone } from './registry.repository.ts';
