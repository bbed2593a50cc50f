import type { TicketCalledListener } from '../queue/store';
import type { EventBus } from './bus';

/** The queue's call/recall hook: a ticket-called event to every stream of the ticket's hall. */
export function publishTicketCalled(events: EventBus): TicketCalledListener {
  return (ticket, { windowId, recall }) => {
    events.publish({
      type: 'ticket.called',
      hallId: ticket.hallId,
      data: {
        ticketId: ticket.ticketId,
        number: ticket.number,
        hallId: ticket.hallId,
        category: ticket.category,
        recall,
        ...(windowId ? { window: windowId } : {}),
      },
    });
  };
}
