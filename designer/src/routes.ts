// Paths of the app's screens, for links and navigation (hash routes, see app.tsx).
export type Route =
  | { name: 'home' }
  | { name: 'list'; type: string }
  | { name: 'new'; type: string }
  | { name: 'document'; type: string; id: string };

export function pathFor(route: Route): string {
  switch (route.name) {
    case 'home':
      return '/';
    case 'list':
      return `/t/${route.type}`;
    case 'new':
      return `/t/${route.type}/new`;
    case 'document':
      return `/t/${route.type}/${route.id}`;
  }
}

/** For a plain `<a href>`: the hash form of the path. */
export const hrefFor = (route: Route): string => `#${pathFor(route)}`;
