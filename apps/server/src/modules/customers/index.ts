export { customersRoutes } from './customers.routes.ts';
export { refreshDemandPattern, sealIdNumber, tagColor, businessDate } from './customers.service.ts';
export {
  normaliseEmergencyPhone,
  normaliseIdentity,
  normalisePhoneList,
  type InputProblem,
  type NormalisedPhoneEntry,
} from './customer-input.ts';
