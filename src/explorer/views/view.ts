import type { Route } from '../state';

/** What a view may do to the page's URL. */
export interface Navigator {
  /** Opens another view (a new history entry). */
  go(route: Route): void;
  /** Records the view's own state in the URL without drawing it again. */
  replace(route: Route): void;
}

/** Draws a view into `root`; the returned function, if any, releases what the view holds (listeners, the graph canvas). */
export type View<R extends Route> = (root: HTMLElement, route: R, nav: Navigator) => Promise<(() => void) | void>;
