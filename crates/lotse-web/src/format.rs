//! How instants, prices and hours read in German and English.

use crate::i18n::Lang;
use jiff::Timestamp;
use jiff::Zoned;
use lotse_core::catalogue::berlin;

const WEEKDAYS_DE: [&str; 7] = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn local(t: Timestamp) -> Zoned {
    t.to_zoned(berlin())
}

/// "Di., 3. Dezember 2026" / "Tue, 3 December 2026" in Berlin.
pub fn date(lang: Lang, t: Timestamp) -> String {
    let z = local(t);
    let weekday = usize::try_from(z.weekday().to_monday_zero_offset()).unwrap_or(0);
    let month = usize::try_from(z.month() - 1).unwrap_or(0);
    match lang {
        Lang::De => format!(
            "{} {}. {} {}",
            WEEKDAYS_DE[weekday],
            z.day(),
            MONTHS_DE[month],
            z.year()
        ),
        Lang::En => format!(
            "{}, {} {} {}",
            WEEKDAYS_EN[weekday],
            z.day(),
            MONTHS_EN[month],
            z.year()
        ),
    }
}

/// "1. Dezember 2026" / "1 December 2026": a date in a document, without the weekday.
pub fn long_date(lang: Lang, t: Timestamp) -> String {
    let z = local(t);
    let month = usize::try_from(z.month() - 1).unwrap_or(0);
    match lang {
        Lang::De => format!("{}. {} {}", z.day(), MONTHS_DE[month], z.year()),
        Lang::En => format!("{} {} {}", z.day(), MONTHS_EN[month], z.year()),
    }
}

/// "März 2026" / "March 2026".
pub fn month(lang: Lang, year: i16, month: i8) -> String {
    let m = usize::try_from(month - 1).unwrap_or(0).min(11);
    match lang {
        Lang::De => format!("{} {year}", MONTHS_DE[m]),
        Lang::En => format!("{} {year}", MONTHS_EN[m]),
    }
}

/// "09:00" in Berlin.
pub fn time(t: Timestamp) -> String {
    local(t).strftime("%H:%M").to_string()
}

/// "Di. 3. Dezember 2026, 09:00–16:00 Uhr", or with both dates for several days.
pub fn span(lang: Lang, starts: Timestamp, ends: Timestamp) -> String {
    let suffix = match lang {
        Lang::De => " Uhr",
        Lang::En => "",
    };
    if local(starts).date() == local(ends).date() {
        format!(
            "{}, {}–{}{suffix}",
            date(lang, starts),
            time(starts),
            time(ends)
        )
    } else {
        format!(
            "{}, {}{suffix} – {}, {}{suffix}",
            date(lang, starts),
            time(starts),
            date(lang, ends),
            time(ends)
        )
    }
}

/// An instant as RFC 3339 with the Berlin offset, as the API sends it.
pub fn rfc3339(t: Timestamp) -> String {
    local(t).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// "kostenfrei" or "49,00 €" / "free" or "€49.00".
pub fn price(lang: Lang, cents: i64) -> String {
    if cents == 0 {
        return lang.t("price-free");
    }
    let (euros, rest) = (cents / 100, cents % 100);
    match lang {
        Lang::De => format!("{euros},{rest:02} €"),
        Lang::En => format!("€{euros}.{rest:02}"),
    }
}

/// A file's size for readers: "850 kB", "1,3 MB" / "1.3 MB" (decimal units, one
/// decimal from a megabyte on).
pub fn file_size(lang: Lang, bytes: i64) -> String {
    let bytes = bytes.max(0);
    if bytes < 1_000_000 {
        return format!("{} kB", ((bytes + 999) / 1000).max(1));
    }
    let tenths = (bytes + 50_000) / 100_000;
    let separator = match lang {
        Lang::De => ',',
        Lang::En => '.',
    };
    format!("{}{separator}{} MB", tenths / 10, tenths % 10)
}

/// The date as `YYYY-MM-DD` in Berlin, for date inputs.
pub fn iso_date(t: Timestamp) -> String {
    local(t).date().to_string()
}

/// A number with `places` decimals, with the reader's decimal mark: "3,2" / "3.2".
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn file_sizes_read_as_kilobytes_then_megabytes() {
        assert_eq!(file_size(Lang::De, 1), "1 kB");
        assert_eq!(file_size(Lang::De, 849_600), "850 kB");
        assert_eq!(file_size(Lang::De, 1_260_000), "1,3 MB");
        assert_eq!(file_size(Lang::En, 20_971_520), "21.0 MB");
    }

    #[test]
    fn times_show_in_berlin_across_daylight_saving() {
        // 08:00 UTC is 09:00 in winter and 10:00 in summer.
        assert_eq!(time(at("2026-01-15T08:00:00Z")), "09:00");
        assert_eq!(time(at("2026-07-15T08:00:00Z")), "10:00");
        assert_eq!(
            rfc3339(at("2026-07-15T08:00:00Z")),
            "2026-07-15T10:00:00+02:00"
        );
        assert_eq!(
            rfc3339(at("2026-01-15T08:00:00Z")),
            "2026-01-15T09:00:00+01:00"
        );
    }

    #[test]
    fn spans_read_naturally() {
        let s = span(
            Lang::De,
            at("2026-12-01T08:00:00Z"),
            at("2026-12-01T15:00:00Z"),
        );
        assert_eq!(s, "Di. 1. Dezember 2026, 09:00–16:00 Uhr");
        let s = span(
            Lang::En,
            at("2026-12-01T08:00:00Z"),
            at("2026-12-02T15:00:00Z"),
        );
        assert_eq!(
            s,
            "Tue, 1 December 2026, 09:00 – Wed, 2 December 2026, 16:00"
        );
    }

    #[test]
    fn prices_read_in_each_language() {
        assert_eq!(price(Lang::De, 4900), "49,00 €");
        assert_eq!(price(Lang::En, 4905), "€49.05");
        assert_eq!(price(Lang::De, 0), "kostenfrei");
    }

    #[test]
    fn decimals_follow_the_readers_mark() {
        assert_eq!(decimal(Lang::De, 3.25, 1), "3,2");
        assert_eq!(decimal(Lang::En, 21.5, 1), "21.5");
        assert_eq!(decimal(Lang::De, 66.66, 0), "67");
    }
}
