package io.kitagent.metrics;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A metric tag whose value comes from an argument: {@code region: arg0} uses the first argument's
 * {@code toString}; {@code region: arg0.address.region} calls the getters {@code getAddress()} (or
 * {@code address()}) and then {@code getRegion()} (or {@code region()}) on it.
 */
public record ArgumentTag(String name, String source, int argument, List<String> properties) {

  private static final Pattern SOURCE = Pattern.compile("arg(\\d+)((\\.[A-Za-z_$][A-Za-z0-9_$]*)*)");

  public ArgumentTag {
    properties = List.copyOf(properties);
  }

  static ArgumentTag parse(String name, String source) {
    var m = SOURCE.matcher(source.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected arg<N> or arg<N>.<property>[.<property>...], such as "
          + "arg0 or arg0.region, got \"" + source + "\"");
    }
    String path = m.group(2);
    List<String> properties = path.isEmpty() ? List.of() : List.of(path.substring(1).split("\\."));
    return new ArgumentTag(name, source.trim(), Integer.parseInt(m.group(1)), properties);
  }
}
