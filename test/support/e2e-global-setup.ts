import { buildApp } from './app-server';

/** One production build for all end-to-end tests. */
export default async function setup(): Promise<void> {
  await buildApp();
}
