//! Dutch number, money and date conventions: 4.714; 6,2; € 14.597.000;
//! 16 juli 2018. Used by the view model and registered as template helpers.

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// "16 juli 2018".
pub fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A whole number with a thousands point: 4714 → "4.714", -1200 → "-1.200".
pub fn integer(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A number with a decimal comma and `decimals` places: (6.2, 1) → "6,2", (4714.0, 0) → "4.714".
pub fn number(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    let rounded = format!("{:.*}", decimals, x.abs());
    let (whole, frac) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let negative = x < 0.0 && rounded.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    // Group the digits as text: no integer type limits how large a number can be.
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A number with as many decimals as it needs (up to `max`), trailing zeros dropped:
/// 6.2 → "6,2", 22.0 → "22", 0.125 → "0,13" with max 2.
pub fn number_auto(x: f64, max: usize) -> String {
    let s = number(x, max);
    if s.contains(',') { s.trim_end_matches('0').trim_end_matches(',').to_string() } else { s }
}

/// Money in whole euros: "€ 14.597.000", with a no-break space so the sign never stands alone at
/// the end of a line.
pub fn money(euros: i64) -> String {
    format!("€\u{a0}{}", integer(euros))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out_in_dutch() {
        assert_eq!(date(NaiveDate::from_ymd_opt(2018, 7, 16).unwrap()), "16 juli 2018");
        assert_eq!(date(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()), "1 januari 2024");
        assert_eq!(date(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()), "31 december 2024");
    }

    #[test]
    fn integers_get_thousands_points() {
        assert_eq!(integer(0), "0");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(4714), "4.714");
        assert_eq!(integer(14_597_000), "14.597.000");
        assert_eq!(integer(-100_000), "-100.000");
        assert_eq!(integer(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn decimals_use_a_comma() {
        assert_eq!(number(6.2, 1), "6,2");
        assert_eq!(number(4714.0, 0), "4.714");
        assert_eq!(number(-0.04, 1), "0,0");
        assert_eq!(number(-1234.5, 2), "-1.234,50");
        assert_eq!(number_auto(22.0, 2), "22");
        assert_eq!(number_auto(6.25, 2), "6,25");
        assert_eq!(number_auto(6.20, 2), "6,2");
        assert_eq!(number(1e20, 0), "100.000.000.000.000.000.000");
    }

    #[test]
    fn money_has_euro_sign_and_no_break_space() {
        assert_eq!(money(14_597_000), "€\u{a0}14.597.000");
        assert_eq!(money(-100_000), "€\u{a0}-100.000");
    }
}
