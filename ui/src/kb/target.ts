/** What the knowledge-base browser should open: a framework, an item, or where it was. */
export interface BrowseTarget {
  framework?: string;
  item?: string;
}
