/** Public surface of the notifications module (the in-app centre and its e-mails). */
export { notificationsPolicy } from './notifications.policy.js';
export { notificationsRoutes } from './notifications.routes.js';
export { notify, type Notice, type Recipients } from './notifications.notify.js';
export { deliverPendingEmails, emailUser, sendDigests } from './notifications.mail.js';
export { notifications } from './notifications.tables.js';
export { systemPruneNotifications } from './notifications.prune.js';
