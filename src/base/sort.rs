//! One stable sort for the whole console. Each `slice::sort_by` with its own closure type
//! compiles its own copy of the standard library's sort (about 3 KB of wasm each, measured with
//! twiggy); this merge sort is compiled once and takes its comparison as a `dyn Fn`.

use std::cmp::Ordering;

/// Sorts `order` (indices) stably by `cmp`: equal elements keep their order.
pub fn sort_indices(order: &mut Vec<usize>, cmp: &dyn Fn(usize, usize) -> Ordering) {
    let n = order.len();
    let mut merged = order.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut a, mut b) = (start, mid);
            for slot in &mut merged[start..end] {
                let take_left =
                    a < mid && (b >= end || cmp(order[a], order[b]) != Ordering::Greater);
                if take_left {
                    *slot = order[a];
                    a += 1;
                } else {
                    *slot = order[b];
                    b += 1;
                }
            }
            start = end;
        }
        std::mem::swap(order, &mut merged);
        width *= 2;
    }
}

/// Sorts `items` stably by `cmp`.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    *items = order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect();
}

/// Sorts `items` stably by `key`, computed once for each item (not twice in each comparison,
/// which for a lowercased name allocated twice per comparison).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: &dyn Fn(&T) -> K) {
    let mut keyed: Vec<(K, T)> = std::mem::take(items)
        .into_iter()
        .map(|t| (key(&t), t))
        .collect();
    sort_by(&mut keyed, &|a, b| a.0.cmp(&b.0));
    *items = keyed.into_iter().map(|(_, t)| t).collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_a_key_stably_as_sorting_by_comparing_keys() {
        let names = ["b", "A", "a", "B", "c", "b2", "Ä", "a"];
        let mut items: Vec<(usize, String)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (i, n.to_string()))
            .collect();
        let mut compared = items.clone();
        sort_by(&mut compared, &|a, b| {
            a.1.to_lowercase().cmp(&b.1.to_lowercase())
        });
        sort_by_key(&mut items, &|x| x.1.to_lowercase());
        assert_eq!(items, compared);
        let order: Vec<usize> = items.iter().map(|x| x.0).collect();
        assert_eq!(order, [1, 2, 7, 0, 3, 5, 4, 6]);
    }

    #[test]
    fn sorts_stably_like_the_standard_library() {
        for n in 0..40usize {
            // Few distinct keys, so that stability shows.
            let items: Vec<(usize, usize)> = (0..n).map(|i| ((i * 7 + 3) % 5, i)).collect();
            let mut ours = items.clone();
            sort_by(&mut ours, &|a, b| a.0.cmp(&b.0));
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|a| a.0);
            assert_eq!(ours, std_sorted, "n = {n}");
            let mut desc = items;
            sort_by(&mut desc, &|a, b| b.0.cmp(&a.0));
            let mut std_desc = ours.clone();
            std_desc.sort_by_key(|a| std::cmp::Reverse(a.0));
            assert_eq!(
                desc.iter().map(|x| x.0).collect::<Vec<_>>(),
                std_desc.iter().map(|x| x.0).collect::<Vec<_>>()
            );
        }
    }
}
