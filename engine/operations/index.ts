// The operations capability's public surface: the admin view of the queues' dead letters.
export { operationsRoutes } from './routes';
