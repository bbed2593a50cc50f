import {
  BookOpen,
  CalendarCheck,
  ClipboardList,
  CreditCard,
  FilePen,
  Keyboard,
  Printer,
  QrCode,
  Smartphone,
  Star,
  Ticket,
  type LucideIcon,
} from 'lucide-react';

/**
 * One icon per service, from one set (lucide), in one place: a service looks the same on the home
 * screen, in the elderly menu and anywhere else it is offered.
 */
export const SERVICE_ICONS = {
  takeNumber: Ticket,
  appointments: CalendarCheck,
  apply: FilePen,
  progress: ClipboardList,
  proofs: Printer,
  pay: CreditCard,
  rate: Star,
  guide: BookOpen,
  typeId: Keyboard,
  scanCode: QrCode,
  app: Smartphone,
} as const satisfies Record<string, LucideIcon>;

export type ServiceIcon = keyof typeof SERVICE_ICONS;
