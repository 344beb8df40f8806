package io.kitagent.logging;

/**
 * ISO-8601 UTC timestamps with milliseconds ({@code 2026-11-25T13:37:10.123Z}), always 24
 * characters. Written by hand: java.time's formatter costs tens of milliseconds of class loading at
 * start-up and allocates on every event.
 */
public final class Timestamps {

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private Timestamps() {}

  public static String iso(long epochMillis) {
    StringBuilder out = new StringBuilder(24);
    appendIso(out, epochMillis);
    return out.toString();
  }

  /** Civil date from days since 1970 after Howard Hinnant's {@code civil_from_days}. */
  public static void appendIso(StringBuilder out, long epochMillis) {
    long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
    long millisOfDay = Math.floorMod(epochMillis, MILLIS_PER_DAY);
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long monthIndex = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    pad(out, year, 4).append('-');
    pad(out, month, 2).append('-');
    pad(out, day, 2).append('T');
    pad(out, millisOfDay / 3_600_000, 2).append(':');
    pad(out, millisOfDay / 60_000 % 60, 2).append(':');
    pad(out, millisOfDay / 1_000 % 60, 2).append('.');
    pad(out, millisOfDay % 1_000, 3).append('Z');
  }

  private static StringBuilder pad(StringBuilder out, long value, int width) {
    for (long limit = 10, i = 1; i < width; i++, limit *= 10) {
      if (value < limit) {
        out.append('0');
      }
    }
    return out.append(value);
  }
}
