export { customersRoutes } from './customers.routes.ts';
export {
  refreshDemandPattern,
  sealIdNumber,
  tagColor,
  businessDate,
  getCustomer,
  listCustomers,
} from './customers.service.ts';
export { customerIdsByPhone, phonesOf } from './customers.repository.ts';
export {
  normaliseEmergencyPhone,
  normaliseIdentity,
  normalisePhoneList,
  type InputProblem,
  type NormalisedPhoneEntry,
} from './customer-input.ts';
export { segmentsOf, serviceHints } from './hints.ts';
