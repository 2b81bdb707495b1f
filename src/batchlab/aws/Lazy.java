package batchlab.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** A client built on its first use, once, from any thread; {@link #close} closes it only if it was built. */
final class Lazy<T extends SdkAutoCloseable> implements SdkAutoCloseable {

  private final Supplier<T> factory;
  private volatile T value;

  Lazy(Supplier<T> factory) {
    this.factory = factory;
  }

  T get() {
    T built = value;
    if (built == null) {
      synchronized (this) {
        built = value;
        if (built == null) {
          built = factory.get();
          value = built;
        }
      }
    }
    return built;
  }

  boolean built() {
    return value != null;
  }

  @Override
  public synchronized void close() {
    if (value != null) {
      value.close();
    }
  }
}
