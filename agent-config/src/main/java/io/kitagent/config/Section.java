package io.kitagent.config;

/**
 * One top-level section of a config file ({@code logging}, {@code metrics}, {@code http},
 * {@code services}, later {@code tracing}, {@code discovery}): its reader. Registered once, in
 * {@link Words}.
 */
public interface Section<T> {

  /** The key as written at the top of the file. */
  String key();

  /** Reads the section from the file's top level ({@code root}); absent gives its defaults. */
  T read(Fields root);

  /** The effective value as plain maps, lists and scalars, for {@code check}; null to leave it out. */
  Object describe(T value);
}
