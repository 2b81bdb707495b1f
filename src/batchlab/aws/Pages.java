package batchlab.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Follows nextToken through every page of a list call. Each page is fetched on its own (callers
 * wrap the fetch in {@link Retry}), so a throttled page is retried, not the whole listing.
 */
public final class Pages {

  private Pages() {}

  /**
   * @param fetch the page for a token (null for the first)
   * @param items the page's items
   * @param nextToken the page's next token, null on the last page
   */
  public static <P, T> List<T> all(Function<String, P> fetch, Function<P, List<T>> items, Function<P, String> nextToken) {
    List<T> all = new ArrayList<>();
    String token = null;
    do {
      P page = fetch.apply(token);
      all.addAll(items.apply(page));
      token = nextToken.apply(page);
    } while (token != null);
    return all;
  }
}
