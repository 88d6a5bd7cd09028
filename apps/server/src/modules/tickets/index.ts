export { ticketsRoutes } from './tickets.routes.ts';
export { createTicket, getTicket, listTickets, ticketInScope, type TicketsDeps } from './tickets.service.ts';
export { performAction } from './actions.service.ts';
export { addComment, addLine } from './parts.service.ts';
