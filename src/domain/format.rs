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

/// The text with its first letter a capital: "lasten" → "Lasten".
pub fn hoofdletter(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A Dutch enumeration: "a", "a en b", "a, b en c".
pub fn opsomming(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [een] => een.clone(),
        [eerste @ .., laatste] => format!("{} en {laatste}", eerste.join(", ")),
    }
}

/// The minus sign of a computed number: a real minus (U+2212), as wide as a digit's plus, not
/// the shorter hyphen.
pub const MINUS: char = '\u{2212}';

/// A whole number with a thousands point: 4714 → "4.714", -1200 → "−1.200".
pub fn integer(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    if n < 0 {
        out.push(MINUS);
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
        out.push(MINUS);
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

/// `1.234`, `16.702.000`: a point followed by groups of exactly three digits.
pub fn dutch_integer(text: &str) -> Option<i128> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let groups: Vec<&str> = body.split('.').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    if !grouped {
        return None;
    }
    let n: i128 = groups.concat().parse().ok()?;
    Some(if text.starts_with('-') { -n } else { n })
}

/// `731,5`, `1.250,50`: a decimal comma (with or without thousands points).
pub fn has_decimal_comma(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    let Some((whole, frac)) = body.split_once(',') else { return false };
    let whole_ok = whole.chars().all(|c| c.is_ascii_digit()) && !whole.is_empty() || dutch_integer(whole).is_some();
    whole_ok && !frac.is_empty() && frac.chars().all(|c| c.is_ascii_digit())
}

/// A name as a file stem: what a griffie's systems accept (ASCII letters, digits, `.`, `_`,
/// `-`), never a path, at most 80 characters: "HenS 18/014" → "HenS-18-014".
pub fn file_stem(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches(['-', '.']).to_string();
    if out.is_empty() { "document".into() } else { out.chars().take(80).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe() {
        assert_eq!(file_stem("2018.0042544"), "2018.0042544");
        assert_eq!(file_stem("HenS 18/014"), "HenS-18-014");
        assert_eq!(file_stem("../../etc"), "etc");
        assert_eq!(file_stem("///"), "document");
    }

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
        assert_eq!(integer(-100_000), "−100.000");
        assert_eq!(integer(i64::MIN), "−9.223.372.036.854.775.808");
    }

    #[test]
    fn decimals_use_a_comma() {
        assert_eq!(number(6.2, 1), "6,2");
        assert_eq!(number(4714.0, 0), "4.714");
        assert_eq!(number(-0.04, 1), "0,0");
        assert_eq!(number(-1234.5, 2), "−1.234,50");
        assert_eq!(number_auto(22.0, 2), "22");
        assert_eq!(number_auto(6.25, 2), "6,25");
        assert_eq!(number_auto(6.20, 2), "6,2");
        assert_eq!(number(1e20, 0), "100.000.000.000.000.000.000");
    }

    #[test]
    fn dutch_number_forms_are_recognised() {
        assert_eq!(dutch_integer("16.702.000"), Some(16_702_000));
        assert_eq!(dutch_integer("-6.110"), Some(-6110));
        assert_eq!(dutch_integer("1.2345"), None);
        assert_eq!(dutch_integer("1234.567"), None);
        assert!(has_decimal_comma("731,5") && has_decimal_comma("1.250,50"));
        assert!(!has_decimal_comma("1,2,3") && !has_decimal_comma("6.2"));
    }

    #[test]
    fn money_has_euro_sign_and_no_break_space() {
        assert_eq!(money(14_597_000), "€\u{a0}14.597.000");
        assert_eq!(money(-100_000), "€\u{a0}−100.000");
    }
}
