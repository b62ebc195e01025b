// Hash routes, so the engine serves one index.html at /app/ and a reload or a
// shared link never asks the server for a path it does not know.
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'list'; type: string }
  | { name: 'new'; type: string }
  | { name: 'document'; type: string; id: string };

const SEGMENT = /^[A-Za-z0-9_-]+$/;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] !== 't' || !parts[1] || !parts.every((p) => SEGMENT.test(p))) return { name: 'home' };
  const type = parts[1];
  if (parts.length === 2) return { name: 'list', type };
  if (parts[2] === 'new' && parts.length === 3) return { name: 'new', type };
  if (parts.length === 3) return { name: 'document', type, id: parts[2] };
  return { name: 'home' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'list':
      return `#/t/${route.type}`;
    case 'new':
      return `#/t/${route.type}/new`;
    case 'document':
      return `#/t/${route.type}/${route.id}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
