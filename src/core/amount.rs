//! Exact money: every amount is a `Decimal` parsed from a string, never a float.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An amount as printed in the document, in the document's unit.
/// The scale is kept (`231` and `231.00` are equal but print as written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(pub Decimal);

impl Amount {
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// Parses a plain decimal such as `1213.45`, `-3.55` or `231`.
    /// Thousands separators, exponents, spaces and signs other than a leading `-` are refused,
    /// so that a data file has one spelling per number.
    pub fn parse(text: &str) -> Result<Amount, String> {
        let body = text.strip_prefix('-').unwrap_or(text);
        let mut parts = body.splitn(2, '.');
        let int = parts.next().unwrap_or("");
        let frac = parts.next();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(int) || frac.is_some_and(|f| !digits(f)) {
            return Err(format!(
                "\"{}\" is not a decimal amount (expected digits with an optional '.' and fraction, e.g. \"1213.45\")",
                text.escape_debug()
            ));
        }
        if int.len() + frac.map_or(0, str::len) > 24 {
            return Err(format!("\"{text}\" has too many digits for an amount"));
        }
        Decimal::from_str(text)
            .map(|mut d| {
                // `-0` as printed: parsing drops the sign of a zero.
                d.set_sign_negative(text.starts_with('-'));
                Amount(d)
            })
            .map_err(|e| format!("\"{text}\" is not a decimal amount: {e}"))
    }

    /// Zero written with `scale` decimals: an empty cell summed beside printed figures.
    pub fn zero_at(scale: u32) -> Amount {
        Amount(Decimal::new(0, scale.min(28)))
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The document's own format: thousands separated by commas, the printed scale kept
    /// (`1,213.45`, `231`).
    pub fn display(self) -> String {
        let plain = self.0.to_string();
        // rust_decimal keeps the sign of a printed `-0` but does not write it.
        if self.0.is_zero() && self.0.is_sign_negative() && !plain.starts_with('-') {
            return format!("-{plain}");
        }
        group_thousands(&plain)
    }

    /// Two decimals always (`231.00`): for a figure that is not shown as printed.
    pub fn display2(self) -> String {
        group_thousands(&self.0.round_dp(2).to_string()).pipe_scale2()
    }

    /// With an explicit sign for changes: `+79.04`, `-3.55`, `0.00`. A change keeps the scale of
    /// the figures it derives from (decimal arithmetic keeps the larger scale of its operands):
    /// `+887,739` between 元 integers, `+2.87` between 万元 with two decimals.
    pub fn display_signed(self) -> String {
        if self.0.is_zero() {
            return Amount(self.0.abs()).display();
        }
        let s = self.display();
        if self.0 > Decimal::ZERO {
            format!("+{s}")
        } else {
            s
        }
    }
}

trait Scale2 {
    fn pipe_scale2(self) -> String;
}

impl Scale2 for String {
    /// Pads a grouped number to exactly two decimals.
    fn pipe_scale2(self) -> String {
        match self.find('.') {
            None => format!("{self}.00"),
            Some(dot) => {
                let decimals = self.len() - dot - 1;
                match decimals {
                    0 => format!("{self}00"),
                    1 => format!("{self}0"),
                    _ => self,
                }
            }
        }
    }
}

fn group_thousands(plain: &str) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let mut out = String::with_capacity(plain.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push_str(frac);
    out
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl std::ops::Add for Amount {
    type Output = Amount;
    fn add(self, rhs: Amount) -> Amount {
        Amount(self.0 + rhs.0)
    }
}

impl std::ops::Sub for Amount {
    type Output = Amount;
    fn sub(self, rhs: Amount) -> Amount {
        Amount(self.0 - rhs.0)
    }
}

impl std::ops::Neg for Amount {
    type Output = Amount;
    fn neg(self) -> Amount {
        Amount(-self.0)
    }
}

impl std::iter::Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        iter.fold(Amount::ZERO, |a, b| a + b)
    }
}

/// JSON holds the printed string; a binary format (the load cache) holds the decimal's 16 bytes,
/// which read back exactly without parsing text.
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.0.to_string())
        } else {
            s.serialize_bytes(&self.0.serialize())
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount written as a JSON string, e.g. \"1213.45\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::parse(v).map_err(E::custom)
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Amount, E> {
                let bytes: [u8; 16] = v
                    .try_into()
                    .map_err(|_| E::custom("an amount is 16 bytes"))?;
                // Flags: bits 16–23 the scale (at most 28), bit 31 the sign, the rest zero; any
                // other value is not a decimal rust_decimal could have written.
                let flags = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
                if flags & !0x801F_0000 != 0 || (flags >> 16) & 0xFF > 28 {
                    return Err(E::custom("not a decimal"));
                }
                Ok(Amount(Decimal::deserialize(bytes)))
            }
        }
        if d.is_human_readable() {
            d.deserialize_str(V)
        } else {
            d.deserialize_bytes(V)
        }
    }
}

/// Percent change from `old` to `new`, rounded to two decimals.
/// `None` when `old` is zero: the change is "新增" (new), not a number.
/// An amount in another unit of money (元 ↔ 万元), exactly; `None` for units that are not money.
pub fn convert(a: Amount, from: &str, to: &str) -> Option<Amount> {
    let wan = Decimal::from(10_000);
    match (from, to) {
        (f, t) if f == t => Some(a),
        ("元", "万元") => Some(Amount(a.0 / wan)),
        ("万元", "元") => {
            // Four places move left: 876.75 万元 is 8767500 元, printed to the same precision.
            let mut d = a.0 * wan;
            d.rescale(a.0.scale().saturating_sub(4));
            Some(Amount(d))
        }
        _ => None,
    }
}

pub fn percent_change(old: Amount, new: Amount) -> Option<Decimal> {
    if old.0.is_zero() {
        return None;
    }
    let pct = (new.0 - old.0)
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(old.0)?;
    Some(pct.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
}

/// `+17.50%`, `-0.72%`, `0.00%`.
pub fn display_percent(pct: Decimal) -> String {
    let s = pct.round_dp(2).to_string().pipe_scale2();
    if pct > Decimal::ZERO {
        format!("+{s}%")
    } else {
        format!("{s}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse(s).unwrap()
    }

    #[test]
    fn parses_plain_decimals_and_keeps_scale() {
        assert_eq!(a("231").display(), "231");
        assert_eq!(a("231.00").display(), "231.00");
        assert_eq!(a("231"), a("231.00"));
        assert_eq!(a("-3.55").value(), Decimal::new(-355, 2));
    }

    #[test]
    fn refuses_non_decimals() {
        for bad in [
            "", "1,213.45", "1e3", " 1", "1.", ".5", "--1", "+1", "abc", "1.2.3", "NaN", "１２",
        ] {
            assert!(Amount::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn formats_like_the_document() {
        assert_eq!(a("1213.45").display(), "1,213.45");
        assert_eq!(a("1524.4").display2(), "1,524.40");
        assert_eq!(a("231").display2(), "231.00");
        assert_eq!(a("94995790").display(), "94,995,790");
        assert_eq!(a("-1234567.5").display2(), "-1,234,567.50");
        assert_eq!(a("999").display(), "999");
        assert_eq!(a("79.04").display_signed(), "+79.04");
        assert_eq!(a("-3.55").display_signed(), "-3.55");
    }

    #[test]
    fn every_amount_shows_at_its_printed_scale() {
        assert_eq!(
            a("1.000000000000000000001").display(),
            "1.000000000000000000001"
        );
        assert_eq!(a("-0").display(), "-0");
        assert_eq!(a("17887739").display(), "17,887,739");
        // A change between integers is an integer; between two-decimal figures, two decimals.
        assert_eq!((a("17887739") - a("17000000")).display_signed(), "+887,739");
        assert_eq!((a("231.00") - a("231")).display_signed(), "0.00");
    }

    #[test]
    fn percent_of_zero_is_undefined() {
        assert_eq!(percent_change(a("0"), a("231")), None);
        let p = percent_change(a("451.66"), a("530.70")).unwrap();
        assert_eq!(display_percent(p), "+17.50%");
        let p = percent_change(a("577.12"), a("573.57")).unwrap();
        assert_eq!(display_percent(p), "-0.62%");
        assert_eq!(display_percent(Decimal::ZERO), "0.00%");
    }

    #[test]
    fn deserializes_only_from_strings() {
        let ok: Amount = serde_json::from_str("\"45.02\"").unwrap();
        assert_eq!(ok, a("45.02"));
        let err = serde_json::from_str::<Amount>("45.02")
            .unwrap_err()
            .to_string();
        assert!(err.contains("JSON string"), "{err}");
    }
}
