package dev.bedrockgateway.limits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The UTC day and month a call falls in, which name the usage and budget counters, and how long until each
 * ends (a budget's {@code Retry-After}, and how long its counter is kept).
 *
 * @param day e.g. {@code 2026-12-04}
 * @param month e.g. {@code 2026-12}
 * @param millisToDayEnd until the next UTC midnight
 * @param millisToMonthEnd until the first of the next month, UTC
 */
record Periods(String day, String month, long millisToDayEnd, long millisToMonthEnd) {

    static Periods at(Instant now) {
        ZonedDateTime time = now.atZone(ZoneOffset.UTC);
        LocalDate date = time.toLocalDate();
        Instant dayEnd = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant monthEnd = date.withDayOfMonth(1)
                .plusMonths(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return new Periods(
                date.toString(),
                date.toString().substring(0, 7),
                dayEnd.toEpochMilli() - now.toEpochMilli(),
                monthEnd.toEpochMilli() - now.toEpochMilli());
    }
}
