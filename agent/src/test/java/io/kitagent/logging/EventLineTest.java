package io.kitagent.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kitagent.config.LogFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventLineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Nested
  class Logfmt {

    private String line(String key, String value) {
      return EventLine.of(LogFormat.LOGFMT).begin().string(key, value).end();
    }

    @Test
    void writesPlainValuesWithoutQuotes() {
      assertEquals("item=book\n", line("item", "book"));
      assertEquals("path=/orders/42?x:y\n", line("path", "/orders/42?x:y"));
    }

    @Test
    void writesNonAsciiTextWithoutQuotes() {
      assertEquals("city=Zürich\n", line("city", "Zürich"));
    }

    @Test
    void separatesFieldsWithOneSpaceAndEndsWithOneNewline() {
      String line = EventLine.of(LogFormat.LOGFMT).begin()
          .string("event", "method").number("duration_ms", "12.034").string("outcome", "ok").end();

      assertEquals("event=method duration_ms=12.034 outcome=ok\n", line);
    }

    @Test
    void quotesTheEmptyString() {
      assertEquals("note=\"\"\n", line("note", ""));
    }

    @Test
    void quotesAValueWithASpace() {
      assertEquals("item=\"blue book\"\n", line("item", "blue book"));
    }

    @Test
    void quotesAValueWithAnEqualsSign() {
      assertEquals("query=\"a=b\"\n", line("query", "a=b"));
    }

    @Test
    void escapesDoubleQuotes() {
      assertEquals("msg=\"say \\\"hi\\\"\"\n", line("msg", "say \"hi\""));
    }

    @Test
    void escapesBackslashes() {
      assertEquals("dir=\"C:\\\\temp\"\n", line("dir", "C:\\temp"));
    }

    @Test
    void escapesNewlineCarriageReturnAndTab() {
      assertEquals("msg=\"a\\nb\"\n", line("msg", "a\nb"));
      assertEquals("msg=\"a\\r\\nb\"\n", line("msg", "a\r\nb"));
      assertEquals("msg=\"a\\tb\"\n", line("msg", "a\tb"));
    }

    @Test
    void escapesOtherControlCharactersAsUnicodeEscapes() {
      assertEquals("msg=\"a\\u0001b\"\n", line("msg", "a\u0001b"));
      assertEquals("msg=\"\\u001f\"\n", line("msg", "\u001f"));
      assertEquals("msg=\"\\u0000\"\n", line("msg", "\u0000"));
      assertEquals("msg=\"del\\u007f\"\n", line("msg", "del\u007f"));
    }

    @Test
    void neverPutsARawLineBreakInsideTheLine() {
      String line = line("msg", "first\nsecond\rthird");

      assertEquals(line.length() - 1, line.indexOf('\n'));
      assertEquals(-1, line.indexOf('\r'));
    }

    @Test
    void replacesSpacesEqualsSignsAndQuotesInKeysWithUnderscores() {
      assertEquals("my_key=1\n", line("my key", "1"));
      assertEquals("a_b=1\n", line("a=b", "1"));
      assertEquals("say_hi_=1\n", line("say\"hi\"", "1"));
      assertEquals("two_lines=1\n", line("two\nlines", "1"));
    }

    @Test
    void prefixesTheKeysOfAGroupWithTheGroupName() {
      String line = EventLine.of(LogFormat.LOGFMT).begin()
          .string("event", "method")
          .beginGroup("args").string("item", "book").string("qty", "2").endGroup()
          .string("result", "ok")
          .end();

      assertEquals("event=method args.item=book args.qty=2 result=ok\n", line);
    }

    @Test
    void sanitisesGroupNamesLikeKeys() {
      String line = EventLine.of(LogFormat.LOGFMT).begin()
          .beginGroup("my args").string("item", "book").endGroup().end();

      assertEquals("my_args.item=book\n", line);
    }

    @Test
    void restoresTheOuterPrefixAfterANestedGroup() {
      String line = EventLine.of(LogFormat.LOGFMT).begin()
          .beginGroup("a").beginGroup("b").string("c", "1").endGroup().string("d", "2").endGroup()
          .string("e", "3")
          .end();

      assertEquals("a.b.c=1 a.d=2 e=3\n", line);
    }

    @Test
    void restoresTheOuterPrefixAfterAGroupWhoseNameHasADot() {
      String line = EventLine.of(LogFormat.LOGFMT).begin()
          .beginGroup("x.y").string("a", "1").endGroup().string("b", "2")
          .end();

      assertEquals("x.y.a=1 b=2\n", line);
    }

    @Test
    void escapesC1ControlsSuchAsNextLine() {
      String line = EventLine.of(LogFormat.LOGFMT).begin().string("v", "a\u0085b").end();

      assertEquals("v=\"a\\u0085b\"\n", line);
    }

    @Test
    void escapesLineAndParagraphSeparatorsAsJsonDoes() {
      String line = EventLine.of(LogFormat.LOGFMT).begin().string("v", "a\u2028b\u2029c").end();

      assertEquals("v=\"a\\u2028b\\u2029c\"\n", line);
    }

    @Test
    void startsAFreshLineOnBeginEvenAfterAnUnfinishedGroup() {
      EventLine line = EventLine.of(LogFormat.LOGFMT);
      line.begin().string("old", "x").beginGroup("args").string("item", "book");

      assertEquals("fresh=1\n", line.begin().string("fresh", "1").end());
    }
  }

  @Nested
  class Json {

    static Stream<String> trickyValues() {
      return Stream.of(
          "",
          "plain",
          "say \"hi\"",
          "C:\\temp\\new",
          "\\\"",
          "first\nsecond",
          "cr\rlf\r\n",
          "tab\there",
          "start\u0001end",
          "\u0000\u001f\u007f",
          "line\u2028separator\u2029paragraph",
          "Zürich, 東京, emoji \uD83D\uDE00",
          "{\"not\":\"json\"}",
          "</script>");
    }

    @ParameterizedTest
    @MethodSource("trickyValues")
    void writesAValueThatParsesBackToTheSameString(String value) throws Exception {
      String line = EventLine.of(LogFormat.JSON).begin().string("value", value).end();

      JsonNode parsed = JSON.readTree(line);
      assertEquals(value, parsed.get("value").textValue());
    }

    @ParameterizedTest
    @MethodSource("trickyValues")
    void writesExactlyOneLineEndingInNewline(String value) {
      String line = EventLine.of(LogFormat.JSON).begin().string("value", value).end();

      assertTrue(line.endsWith("}\n"), line);
      assertEquals(line.length() - 1, line.indexOf('\n'), "only the final newline");
      assertEquals(-1, line.indexOf('\r'));
      assertEquals(-1, line.indexOf('\u2028'));
      assertEquals(-1, line.indexOf('\u2029'));
    }

    @ParameterizedTest
    @MethodSource("trickyValues")
    void escapesTrickyKeysToo(String key) throws Exception {
      String line = EventLine.of(LogFormat.JSON).begin().string(key, "v").end();

      JsonNode parsed = JSON.readTree(line);
      assertEquals("v", parsed.get(key).textValue());
    }

    @Test
    void escapesLineSeparatorsForJavaScriptReaders() {
      String line = EventLine.of(LogFormat.JSON).begin().string("v", "a\u2028b\u2029c").end();

      assertEquals("{\"v\":\"a\\u2028b\\u2029c\"}\n", line);
    }

    @Test
    void escapesControlCharactersExactly() {
      String line = EventLine.of(LogFormat.JSON).begin().string("v", "\"\\\n\r\t\u0001").end();

      assertEquals("{\"v\":\"\\\"\\\\\\n\\r\\t\\u0001\"}\n", line);
    }

    @Test
    void writesNumbersWithoutQuotes() throws Exception {
      String line = EventLine.of(LogFormat.JSON).begin().number("duration_ms", "12.034").end();

      assertEquals("{\"duration_ms\":12.034}\n", line);
      assertTrue(JSON.readTree(line).get("duration_ms").isNumber());
    }

    @Test
    void writesAGroupAsANestedObject() throws Exception {
      String line = EventLine.of(LogFormat.JSON).begin()
          .string("event", "method")
          .beginGroup("args").string("item", "book").string("qty", "2").endGroup()
          .string("result", "ok")
          .end();

      assertEquals(
          "{\"event\":\"method\",\"args\":{\"item\":\"book\",\"qty\":\"2\"},\"result\":\"ok\"}\n", line);
      JsonNode args = JSON.readTree(line).get("args");
      assertTrue(args.isObject());
      assertEquals("book", args.get("item").textValue());
    }

    @Test
    void writesAnEmptyGroupAsAnEmptyObject() throws Exception {
      String line = EventLine.of(LogFormat.JSON).begin()
          .string("a", "1").beginGroup("args").endGroup().string("b", "2").end();

      JsonNode parsed = JSON.readTree(line);
      assertTrue(parsed.get("args").isObject());
      assertEquals(0, parsed.get("args").size());
      assertEquals("2", parsed.get("b").textValue());
    }

    @Test
    void writesNestedGroupsAsNestedObjects() throws Exception {
      String line = EventLine.of(LogFormat.JSON).begin()
          .beginGroup("a").beginGroup("b").string("c", "1").endGroup().string("d", "2").endGroup()
          .string("e", "3")
          .end();

      JsonNode parsed = JSON.readTree(line);
      assertEquals("1", parsed.at("/a/b/c").textValue());
      assertEquals("2", parsed.at("/a/d").textValue());
      assertEquals("3", parsed.get("e").textValue());
    }

    @Test
    void writesAnEmptyObjectForAnEventWithoutFields() {
      assertEquals("{}\n", EventLine.of(LogFormat.JSON).begin().end());
    }

    @Test
    void reusesItsBufferWithoutLeakingThePreviousEvent() throws Exception {
      EventLine line = EventLine.of(LogFormat.JSON);
      line.begin().string("old", "x").end();

      String second = line.begin().string("fresh", "1").end();

      assertEquals("{\"fresh\":\"1\"}\n", second);
      assertFalse(JSON.readTree(second).has("old"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"LOGFMT", "JSON"})
  void picksTheLineBuilderOfTheFormat(LogFormat format) {
    String line = EventLine.of(format).begin().string("k", "v").end();

    assertEquals(format == LogFormat.JSON ? "{\"k\":\"v\"}\n" : "k=v\n", line);
  }
}
