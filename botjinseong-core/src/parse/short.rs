//! A short list kept on the stack, moved to the heap only when it grows long:
//! the parser's own lists (phrase starts, landmarks) hold a few items for a
//! typical message, and a heap allocation would cost more than reading them.

use std::ops::Deref;

/// Up to `N` items in place, any more in a `Vec` (which then holds them all).
#[derive(Debug)]
pub(crate) struct Short<T: Copy, const N: usize> {
    /// The first `len` items, while there are at most `N`.
    inline: [T; N],
    /// How many items `inline` holds.
    len: usize,
    /// Every item, once there are more than `N`; empty until then.
    spill: Vec<T>,
}

impl<T: Copy, const N: usize> Short<T, N> {
    /// An empty list; `fill` only fills the unused places.
    pub(crate) fn new(fill: T) -> Self {
        Short {
            inline: [fill; N],
            len: 0,
            spill: Vec::new(),
        }
    }

    /// Adds `item` at the end.
    #[inline]
    pub(crate) fn push(&mut self, item: T) {
        if let Some(slot) = self.inline.get_mut(self.len) {
            *slot = item;
            self.len += 1;
        } else {
            self.spill(item);
        }
    }

    /// Adds `item` at the end of the `Vec`, first moving the items there if they are still in place.
    #[cold]
    #[inline(never)]
    fn spill(&mut self, item: T) {
        if self.spill.is_empty() {
            self.spill.reserve(2 * N);
            self.spill.extend_from_slice(&self.inline);
        }
        self.spill.push(item);
    }

    /// Keeps the first `len` items only.
    pub(crate) fn truncate(&mut self, len: usize) {
        if self.spill.is_empty() {
            self.len = self.len.min(len);
        } else {
            self.spill.truncate(len);
        }
    }

    /// The items, in order.
    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        if self.spill.is_empty() {
            &mut self.inline[..self.len]
        } else {
            &mut self.spill
        }
    }
}

impl<T: Copy, const N: usize> Deref for Short<T, N> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        if self.spill.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.spill
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_stay_in_order_past_the_inline_places() {
        let mut list: Short<usize, 2> = Short::new(0);
        assert!(list.is_empty());
        for i in 1..=5 {
            list.push(i);
            assert_eq!(&*list, (1..=i).collect::<Vec<_>>().as_slice());
        }
        list.as_mut_slice().reverse();
        assert_eq!(&*list, [5, 4, 3, 2, 1]);
        list.truncate(2);
        assert_eq!(&*list, [5, 4]);
    }
}
