//! Did-you-mean: the closest known name to a misspelt one.

/// The closest candidate to `word`, when it is close enough to be a likely typo. Case is
/// ignored (`get` → `GET`) and a swap of two neighbouring letters is one edit (`srot` → `sort`).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1) + 1;
    candidates
        .into_iter()
        .filter(|c| *c != word && !c.is_empty())
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `did you mean `x`?` for the closest candidate.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Optimal string alignment distance over lowercased chars: insertions, deletions,
/// substitutions and swaps of two neighbours each count one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let width = b.len() + 1;
    // Three rows: two back is needed for swaps.
    let mut rows = vec![vec![0usize; width]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, back) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[back][j - 2] + 1);
            }
            rows[cur][j] = best;
        }
    }
    rows[a.len() % 3][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(closest("bil_no", ["bill_no", "ext"]), Some("bill_no"));
        assert_eq!(
            closest("maxlen", ["max_len", "min_len", "pattern"]),
            Some("max_len")
        );
        assert_eq!(closest("zzz", ["bill_no"]), None);
    }

    #[test]
    fn a_swap_is_one_edit_and_case_is_ignored() {
        assert_eq!(edit_distance("srot", "sort"), 1);
        assert_eq!(closest("srot", ["from", "sort", "join"]), Some("sort"));
        assert_eq!(closest("get", ["GET", "POST"]), Some("GET"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
