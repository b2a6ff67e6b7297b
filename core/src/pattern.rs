//! Field patterns (`pattern:` in a spec), compiled once and matched by the runtime, the
//! interpreter and the mock alike, so all three accept exactly the same values.
//!
//! Most spec patterns are an anchored sequence of character classes and literals, each
//! repeated (`^[0-9]+\.[0-9]{2}$`). When no repeated piece can hand a character to the pieces
//! after it, matching greedily without backtracking gives the regex's answer; such patterns are
//! checked by a plain loop over the characters, the others by regex-lite.

use std::fmt;

use regex_lite::Regex;

/// A compiled field pattern.
#[derive(Debug, Clone)]
pub struct CompiledPattern(Matcher);

#[derive(Debug, Clone)]
enum Matcher {
    /// An anchored sequence of pieces, matched greedily (see the module doc).
    Pieces(Box<[Piece]>),
    Regex(Regex),
}

/// Why a pattern does not compile (the regex-lite message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError(String);

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PatternError {}

impl CompiledPattern {
    /// Compiles `pattern` with regex-lite's syntax; a pattern regex-lite refuses is an error.
    pub fn new(pattern: &str) -> Result<Self, PatternError> {
        // regex-lite decides what is valid, so both matchers refuse the same patterns.
        let regex = Regex::new(pattern).map_err(|e| PatternError(e.to_string()))?;
        Ok(Self(match pieces(pattern).filter(|p| greedy_is_exact(p)) {
            Some(pieces) => Matcher::Pieces(pieces.into_boxed_slice()),
            None => Matcher::Regex(regex),
        }))
    }

    /// Whether `text` matches.
    pub fn is_match(&self, text: &str) -> bool {
        match &self.0 {
            Matcher::Pieces(pieces) => match_pieces(pieces, text),
            Matcher::Regex(regex) => regex.is_match(text),
        }
    }
}

/// A set of characters repeated `min..=max` times.
#[derive(Debug, Clone, PartialEq)]
struct Piece {
    set: Set,
    min: u32,
    max: Option<u32>,
}

/// Characters as sorted, merged inclusive ranges.
#[derive(Debug, Clone, PartialEq)]
struct Set(Vec<(char, char)>);

impl Set {
    fn new(mut ranges: Vec<(char, char)>, negated: bool) -> Self {
        ranges.sort_unstable();
        let mut merged: Vec<(char, char)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if u32::from(lo) <= u32::from(last.1).saturating_add(1) => {
                    last.1 = last.1.max(hi);
                }
                _ => merged.push((lo, hi)),
            }
        }
        if !negated {
            return Self(merged);
        }
        let mut complement = Vec::new();
        let mut next = 0u32;
        for (lo, hi) in merged {
            if u32::from(lo) > next {
                complement.extend(range(next, u32::from(lo) - 1));
            }
            next = u32::from(hi) + 1;
        }
        complement.extend(range(next, u32::from(char::MAX)));
        Self(complement)
    }

    fn contains(&self, c: char) -> bool {
        self.0.iter().any(|&(lo, hi)| lo <= c && c <= hi)
    }

    fn overlaps(&self, other: &Set) -> bool {
        self.0
            .iter()
            .any(|&(lo, hi)| other.0.iter().any(|&(l, h)| lo <= h && l <= hi))
    }
}

/// `lo..=hi` as char ranges, skipping the surrogate gap (no `char` lives there).
fn range(lo: u32, hi: u32) -> Vec<(char, char)> {
    let parts = [(lo, hi.min(0xD7FF)), (lo.max(0xE000), hi)];
    parts
        .into_iter()
        .filter(|(l, h)| l <= h)
        .filter_map(|(l, h)| Some((char::from_u32(l)?, char::from_u32(h)?)))
        .collect()
}

/// The pieces of `^…$` made only of literals, `.`, simple bracket classes and quantifiers;
/// `None` for anything else (alternation, groups, escapes like `\d`, flags, …).
fn pieces(pattern: &str) -> Option<Vec<Piece>> {
    let body = pattern.strip_prefix('^')?;
    let mut chars: Vec<char> = body.chars().collect();
    // The closing anchor: a final `$` that is not escaped (an even run of `\` before it).
    if chars.pop()? != '$' {
        return None;
    }
    let escapes = chars.iter().rev().take_while(|&&c| c == '\\').count();
    if escapes % 2 == 1 {
        return None;
    }
    let mut at = 0;
    let mut out = Vec::new();
    while at < chars.len() {
        let set = match chars[at] {
            '[' => {
                let (set, end) = class(&chars, at + 1)?;
                at = end;
                set
            }
            '\\' => {
                let c = *chars.get(at + 1)?;
                if !"\\.+*?()|[]{}^$-".contains(c) {
                    return None;
                }
                at += 2;
                Set::new(vec![(c, c)], false)
            }
            '.' => {
                at += 1;
                Set::new(vec![('\n', '\n')], true)
            }
            c if "+*?()|]{}^$".contains(c) => return None,
            c => {
                at += 1;
                Set::new(vec![(c, c)], false)
            }
        };
        let (min, max, end) = quantifier(&chars, at)?;
        at = end;
        out.push(Piece { set, min, max });
    }
    Some(out)
}

/// A bracket class starting after its `[`: plain characters, ranges, a leading `^`, a `-`
/// first or last. Escapes, nested classes and set operations are left to regex-lite.
fn class(chars: &[char], mut at: usize) -> Option<(Set, usize)> {
    let negated = chars.get(at) == Some(&'^');
    if negated {
        at += 1;
    }
    let start = at;
    let mut ranges = Vec::new();
    loop {
        let c = *chars.get(at)?;
        match c {
            ']' if at > start => return Some((Set::new(ranges, negated), at + 1)),
            '\\' | '[' | ']' | '&' | '~' => return None,
            '-' if at > start && chars.get(at + 1) != Some(&']') => return None,
            _ => {}
        }
        if chars.get(at + 1) == Some(&'-') && chars.get(at + 2).is_some_and(|&e| e != ']') {
            let end = chars[at + 2];
            if c == '-' {
                return None;
            }
            if matches!(end, '\\' | '[' | ']' | '-' | '&' | '~') || end < c {
                return None;
            }
            if chars.get(at + 3) == Some(&'-') && chars.get(at + 4) != Some(&']') {
                return None;
            }
            ranges.push((c, end));
            at += 3;
        } else {
            ranges.push((c, c));
            at += 1;
        }
    }
}

/// The repetition after a piece (`1..=1` when none): `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`.
fn quantifier(chars: &[char], at: usize) -> Option<(u32, Option<u32>, usize)> {
    let (min, max, end) = match chars.get(at) {
        Some('?') => (0, Some(1), at + 1),
        Some('*') => (0, None, at + 1),
        Some('+') => (1, None, at + 1),
        Some('{') => {
            let close = at + chars[at..].iter().position(|&c| c == '}')?;
            let inner: String = chars[at + 1..close].iter().collect();
            let number = |s: &str| -> Option<u32> {
                if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                s.parse().ok()
            };
            match inner.split_once(',') {
                None => {
                    let n = number(&inner)?;
                    (n, Some(n), close + 1)
                }
                Some((lo, "")) => (number(lo)?, None, close + 1),
                Some((lo, hi)) => (number(lo)?, Some(number(hi)?), close + 1),
            }
        }
        _ => return Some((1, Some(1), at)),
    };
    // Lazy and stacked quantifiers are left to regex-lite.
    if matches!(chars.get(end), Some('?' | '*' | '+' | '{')) {
        return None;
    }
    Some((min, max, end))
}

/// Whether greedy matching without backtracking is exact: no piece of variable length shares a
/// character with a piece that could take the next character after it.
fn greedy_is_exact(pieces: &[Piece]) -> bool {
    pieces.iter().enumerate().all(|(i, piece)| {
        if piece.max == Some(piece.min) {
            return true;
        }
        for next in &pieces[i + 1..] {
            if next.set.overlaps(&piece.set) {
                return false;
            }
            if next.min > 0 {
                break;
            }
        }
        true
    })
}

fn match_pieces(pieces: &[Piece], text: &str) -> bool {
    let mut chars = text.chars().peekable();
    for piece in pieces {
        let mut n = 0u32;
        while piece.max.is_none_or(|max| n < max) {
            match chars.peek() {
                Some(&c) if piece.set.contains(c) => {
                    chars.next();
                    n += 1;
                }
                _ => break,
            }
        }
        if n < piece.min {
            return false;
        }
    }
    chars.next().is_none()
}

#[cfg(test)]
mod tests;
