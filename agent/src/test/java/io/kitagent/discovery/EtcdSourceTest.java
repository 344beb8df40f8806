package io.kitagent.discovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an etcd value becomes, and the end of a prefix range. */
class EtcdSourceTest {

  private static Map<String, Integer> instances(String... values) {
    Map<String, Integer> found = new LinkedHashMap<>();
    for (String value : values) {
      EtcdSource.instance(value, found);
    }
    return found;
  }

  @Test
  void jsonOrHostPortAreInstancesAndAnythingElseIsSkipped() {
    assertEquals(Map.of("10.0.0.7:8080", 2, "10.0.0.8:8080", 1, "[::1]:9000", 1),
        instances("{\"address\": \"10.0.0.7\", \"port\": 8080, \"weight\": 2, \"tags\": [\"v1\"]}", " 10.0.0.8:8080 ",
            "{\"address\": \"::1\", \"port\": 9000}"));
    assertEquals(Map.of(), instances("http://10.0.0.7:8080", "10.0.0.7", "{\"address\": \"10.0.0.7\"}",
        "{\"address\": \"http://x\", \"port\": 80}", "10.0.0.7:0", "10.0.0.7:70000", "{not json", ""));
  }

  @Test
  void aPrefixRangeEndsAfterTheLastKeyWithThePrefix() {
    assertArrayEquals("/services/inventory0".getBytes(StandardCharsets.UTF_8),
        EtcdSource.rangeEnd("/services/inventory/".getBytes(StandardCharsets.UTF_8)));
    assertArrayEquals(new byte[] {'b'}, EtcdSource.rangeEnd(new byte[] {'a', (byte) 0xff}));
  }
}
